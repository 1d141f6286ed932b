# frozen_string_literal: true

require "faraday"

module Acme
  # Client-credentials flow for the OIN API service integration.
  class OktaOauth
    TOKEN_PATH = "/oauth2/v1/token"
    SCOPES = %w[okta.users.read okta.groups.read].freeze

    def initialize(org, client_id:, client_secret:)
      @org = org
      @client_id = client_id
      @client_secret = client_secret
    end

    def connection
      Faraday.new(url: "https://#{@org}") do |f|
        f.request :url_encoded
        f.request :authorization, :basic, @client_id, @client_secret
      end
    end

    def access_token
      res = connection.post(TOKEN_PATH, grant_type: "client_credentials", scope: SCOPES.join(" "))
      JSON.parse(res.body).fetch("access_token")
    end

    def api(access_token)
      Faraday.new(url: "https://#{@org}") do |f|
        f.headers["Authorization"] = "Bearer #{access_token}"
      end
    end

    # Used by the migration script until every customer has installed the OIN app.
    def legacy_api(api_token)
      Faraday.new(url: "https://#{@org}") do |f|
        f.headers["Authorization"] = format("SSWS %s", api_token)
      end
    end

    def self.dev
      new("acme-dev.oktapreview.com", client_id: "0oa4fakeoinlintRbDev",
                                      client_secret: "FAKEoinlintRubyDevSecret-Pz8Qm3Vw6Tn")
    end
  end
end

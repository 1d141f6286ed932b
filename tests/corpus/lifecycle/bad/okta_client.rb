# frozen_string_literal: true

require "json"
require "net/http"
require "uri"

module Acme
  class OktaClient
    def initialize(org_url:, client_id:, client_secret:)
      @org_url = org_url
      @client_id = client_id
      @client_secret = client_secret
    end

    def users(limit: 200)
      uri = URI("#{@org_url}/api/v1/users?limit=#{limit}")
      req = Net::HTTP::Get.new(uri)
      req["Authorization"] = "Bearer #{token}"
      res = Net::HTTP.start(uri.hostname, uri.port, use_ssl: true) { |http| http.request(req) }
      JSON.parse(res.body)
    end

    private

    def token
      @token ||= fetch_token
    end

    def fetch_token
      uri = URI("#{@org_url}/oauth2/v1/token")
      req = Net::HTTP::Post.new(uri)
      req.basic_auth(@client_id, @client_secret)
      req.set_form_data(grant_type: "client_credentials", scope: "okta.users.read")
      res = Net::HTTP.start(uri.hostname, uri.port, use_ssl: true) { |http| http.request(req) }
      JSON.parse(res.body).fetch("access_token")
    end
  end
end

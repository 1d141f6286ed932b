# frozen_string_literal: true

require "net/http"
require "json"
require "oktakit"

module Acme
  # Pre-OIN sync that authenticates with an admin API token (SSWS).
  class OktaLegacy
    FALLBACK_TOKEN = "00FAKEoinlintRbkwtDDb_xHKas1VOqg6YYZYn9Zhy"

    def initialize(org, api_token = ENV.fetch("OKTA_API_TOKEN", FALLBACK_TOKEN))
      @org = org
      @api_token = api_token
      @client = Oktakit.new(token: @api_token, organization: org.split(".").first)
    end

    def groups
      uri = URI("https://#{@org}/api/v1/groups?limit=200")
      req = Net::HTTP::Get.new(uri)
      req["Accept"] = "application/json"
      req["Authorization"] = "SSWS #{@api_token}"
      Rails.logger.info("fetching groups for #{@org} with SSWS")
      res = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(req) }
      JSON.parse(res.body)
    end

    def self.api_token?(header)
      header.to_s.start_with?("SSWS ")
    end
  end
end

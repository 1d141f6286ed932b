#!/usr/bin/env ruby
require "httparty"
require_relative "tenants"

def fetch_token(tenant)
  response = HTTParty.post("https://#{tenant.domain}/oauth2/v1/token",
                           body: { grant_type: "client_credentials", scope: "okta.logs.read",
                                   client_id: tenant.client_id, client_secret: tenant.client_secret })
  raise "token request failed for #{tenant.domain}: #{response.code}" unless response.ok?

  response["access_token"]
end

def main
  Tenants.all.each do |tenant|
    token = fetch_token(tenant)
    logs = HTTParty.get("https://#{tenant.domain}/api/v1/logs", query: { since: tenant.last_export },
                        headers: { "Authorization" => "Bearer #{token}" })
    File.write("exports/#{tenant.id}.json", logs.body)
  end
end

main if $PROGRAM_NAME == __FILE__

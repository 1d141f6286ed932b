require "faraday"
require "json"

class OktaApi
  def self.connection
    @@connection ||= Faraday.new(url: ENV.fetch("OKTA_ORG_URL"))
  end

  def self.access_token
    @@access_token ||= request_access_token
  end

  def self.request_access_token
    connection.set_basic_auth(ENV.fetch("OKTA_CLIENT_ID"), ENV.fetch("OKTA_CLIENT_SECRET"))
    response = connection.post("/oauth2/v1/token", grant_type: "client_credentials", scope: "okta.apps.read")
    JSON.parse(response.body)["access_token"]
  end

  def self.apps
    response = connection.get("/api/v1/apps", nil, { "Authorization" => "Bearer #{access_token}" })
    JSON.parse(response.body)
  end
end

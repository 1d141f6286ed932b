require "httparty"

class BulkSuspend
  ORG_URL = ENV.fetch("OKTA_ORG_URL")

  def initialize(client_id, client_secret)
    @client_id = client_id
    @client_secret = client_secret
  end

  def call(user_ids)
    user_ids.each do |user_id|
      token = fetch_token
      HTTParty.post("#{ORG_URL}/api/v1/users/#{user_id}/lifecycle/suspend",
                    headers: { "Authorization" => "Bearer #{token}", "Accept" => "application/json" })
    end
  end

  private

  def fetch_token
    response = HTTParty.post("#{ORG_URL}/oauth2/v1/token",
                             basic_auth: { username: @client_id, password: @client_secret },
                             body: { grant_type: "client_credentials", scope: "okta.users.manage" })
    response.parsed_response["access_token"]
  end
end

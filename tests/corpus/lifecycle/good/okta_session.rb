require "httparty"

class OktaSession
  def initialize(tenant)
    @tenant = tenant
    @token = nil
    @expires_at = Time.at(0)
  end

  def get(path)
    response = HTTParty.get("https://#{@tenant.domain}#{path}", headers: { "Authorization" => "Bearer #{token}" })
    if response.code == 401
      @token = nil
      response = HTTParty.get("https://#{@tenant.domain}#{path}", headers: { "Authorization" => "Bearer #{token}" })
    end
    response.parsed_response
  end

  private

  def token
    return @token if @token && Time.now < @expires_at

    response = HTTParty.post("https://#{@tenant.domain}/oauth2/v1/token",
                             basic_auth: { username: @tenant.client_id, password: @tenant.client_secret },
                             body: { grant_type: "client_credentials", scope: "okta.users.read" })
    @expires_at = Time.now + response["expires_in"].to_i - 60
    @token = response["access_token"]
  end
end

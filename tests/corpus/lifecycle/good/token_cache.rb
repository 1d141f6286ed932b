require "faraday"
require "json"

class OktaTokenCache
  MARGIN = 120

  Entry = Struct.new(:access_token, :expires_at)

  def initialize
    @entries = {}
    @mutex = Mutex.new
  end

  def token_for(tenant)
    @mutex.synchronize do
      entry = @entries[tenant.domain]
      if entry.nil? || Process.clock_gettime(Process::CLOCK_MONOTONIC) >= entry.expires_at
        body = request_token(tenant)
        entry = Entry.new(body["access_token"],
                          Process.clock_gettime(Process::CLOCK_MONOTONIC) + body["expires_in"] - MARGIN)
        @entries[tenant.domain] = entry
      end
      entry.access_token
    end
  end

  def forget(tenant)
    @mutex.synchronize { @entries.delete(tenant.domain) }
  end

  private

  def request_token(tenant)
    conn = Faraday.new(url: "https://#{tenant.domain}")
    conn.set_basic_auth(tenant.client_id, tenant.client_secret)
    response = conn.post("/oauth2/v1/token", grant_type: "client_credentials", scope: "okta.groups.read")
    JSON.parse(response.body)
  end
end

def list_groups(cache, tenant)
  2.times do
    conn = Faraday.new(url: "https://#{tenant.domain}")
    response = conn.get("/api/v1/groups", nil, { "Authorization" => "Bearer #{cache.token_for(tenant)}" })
    return JSON.parse(response.body) unless response.status == 401

    cache.forget(tenant)
  end
  []
end

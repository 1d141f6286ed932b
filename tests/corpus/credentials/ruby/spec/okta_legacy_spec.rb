# frozen_string_literal: true

require "acme/okta_legacy"

RSpec.describe Acme::OktaLegacy do
  # Look-alikes only: none of these is a credential.
  let(:commit_sha) { "00c0ffee1234abcd5678ef901234abcd5678ef9012" }
  let(:placeholder) { "00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }
  let(:user_id) { "00u2fakeoinlintSpecUser" }

  it "recognises API tokens" do
    expect(described_class.api_token?("SSWS #{placeholder}")).to be(true)
    expect(described_class.api_token?("Bearer eyJraWQiOiJGQUtFIn0")).to be(false)
  end

  it "never logs the token" do
    expect(Rails.logger).not_to receive(:info).with(/SSWS 00/)
    expect(commit_sha.length).to eq(42)
    expect(user_id).to start_with("00u")
  end

  it "builds no SSWS header for OAuth clients" do
    headers = { "Authorization" => "Bearer #{placeholder}" }
    expect(headers["Authorization"]).not_to start_with("SSWS")
  end
end

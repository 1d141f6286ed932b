// Quick script from the 2022 hackathon. TODO: delete.
const headers = { Accept: 'application/json', Authorization: 'SSWS 00FAKEsswsaKxPI2FtTUj7X96CRTFXjr8Am4rxQ5fv' };

fetch('https://acme.okta.com/api/v1/groups?limit=50', { headers })
  .then((r) => r.json())
  .then((groups) => groups.forEach((g) => console.log(g.profile.name)));

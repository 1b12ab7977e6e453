using System.Net;
using FeeBridge.Sandbox.MitId;
using FeeBridge.Sandbox.Tests.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FeeBridge.Sandbox.Tests.MitId;

/// <summary>
/// The MitID stand-in over HTTP, as FeeBridge's citizen log-in uses it (an OpenID Connect provider with the code flow
/// and PKCE, CONTRACTS.md §4). Written before its machinery was shared with the staff stand-in, to hold it to the same
/// behaviour afterwards.
/// </summary>
public sealed class MitIdStandInTests : IClassFixture<WebApplicationFactory<SandboxProgram>>, IDisposable
{
    private const string Issuer = "http://localhost/sandbox/mitid";
    private readonly CodeFlowClient _client;

    // One sandbox for the class: the tests share nothing in it but the signing key, each log-in its own code.
    public MitIdStandInTests(WebApplicationFactory<SandboxProgram> sandbox) =>
        _client = new CodeFlowClient(sandbox.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "/sandbox/mitid");

    public void Dispose() => _client.Http.Dispose();

    private Task<string> LogInPageAsync(string challenge) => _client.LogInPageAsync(MitIdStandIn.ClientId, challenge);

    private async Task<(string Code, string Verifier)> LogInAsync(string identity)
    {
        var (verifier, challenge) = CodeFlowClient.Pkce();
        var html = await LogInPageAsync(challenge);
        var (code, state) = await _client.ChooseAsync(html, "name=\"identity\"", [new("identity", identity)]);
        state.ShouldBe("st-1");
        return (code, verifier);
    }

    [Fact]
    public async Task Discovery_NamesTheEndpointsUnderTheIssuer()
    {
        var d = await _client.DiscoveryAsync();
        d.GetProperty("issuer").GetString().ShouldBe(Issuer);
        d.GetProperty("authorization_endpoint").GetString().ShouldBe(Issuer + "/authorize");
        d.GetProperty("token_endpoint").GetString().ShouldBe(Issuer + "/token");
        d.GetProperty("jwks_uri").GetString().ShouldBe(Issuer + "/jwks");
        d.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()).ShouldBe(["S256"]);
        d.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).ShouldBe(["openid", "mitid", "ssn", "nemlogin"]);
    }

    [Fact]
    public async Task LogInPage_IsDanish_OneHeading_ListsEveryTestPerson()
    {
        var html = await LogInPageAsync(CodeFlowClient.Pkce().Challenge);
        html.ShouldContain("<html lang=\"da\">");
        html.Split("<h1>").Length.ShouldBe(2);
        foreach (var p in SandboxSeed.TestPeople) WebUtility.HtmlDecode(html).ShouldContain(p.Name);
        html.ShouldContain("<label for=\"identity\">");
        CodeFlowClient.HiddenFields(html).Keys.ShouldContain("__RequestVerificationToken");
    }

    [Fact]
    public async Task TypedCpr_GivesASignedIdToken_WithTheCprAndNonce_AndAnOpaqueAccessToken()
    {
        var (code, verifier) = await LogInAsync("0101901234");
        using var r = await _client.RedeemAsync(code, verifier, MitIdStandIn.ClientId, MitIdStandIn.ClientSecret);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await CodeFlowClient.JsonAsync(r);
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBe(300);
        body.GetProperty("access_token").GetString()!.Split('.').Length.ShouldBe(1);

        var validated = await _client.ValidateAsync(body.GetProperty("id_token").GetString()!, MitIdStandIn.ClientId);
        validated.IsValid.ShouldBeTrue(validated.Exception?.Message);
        validated.Claims[MitIdStandIn.CprClaim].ShouldBe("0101901234");
        validated.Claims[MitIdStandIn.NameClaim].ShouldBe("Testperson");
        validated.Claims["nonce"].ShouldBe("n-1");
        ((string)validated.Claims["sub"]).ShouldNotContain("0101901234");
    }

    [Fact]
    public async Task ChosenCompany_GivesTheCvrClaims_AndBasicClientAuthenticationWorks()
    {
        var (verifier, challenge) = CodeFlowClient.Pkce();
        var html = await LogInPageAsync(challenge);
        var company = SandboxSeed.TestPeople.Select((p, i) => (p, i)).Single(x => x.p.Cvr is not null);
        var (code, _) = await _client.ChooseAsync(html, $"name=\"person\" value=\"{company.i}\"", [new("person", company.i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        using var r = await _client.RedeemAsync(code, verifier, MitIdStandIn.ClientId, MitIdStandIn.ClientSecret, basic: true);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var validated = await _client.ValidateAsync((await CodeFlowClient.JsonAsync(r)).GetProperty("id_token").GetString()!, MitIdStandIn.ClientId);
        validated.Claims[MitIdStandIn.CvrClaim].ShouldBe(company.p.Cvr);
        validated.Claims[MitIdStandIn.OrganisationClaim].ShouldBe(company.p.Name);
        validated.Claims.ShouldNotContainKey(MitIdStandIn.CprClaim);
    }

    [Fact]
    public async Task WrongVerifier_ReusedCode_AreInvalidGrant_WrongSecretIsInvalidClient()
    {
        var (code, verifier) = await LogInAsync("0101901234");
        using (var wrongSecret = await _client.RedeemAsync(code, verifier, MitIdStandIn.ClientId, "not-the-secret"))
        {
            wrongSecret.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await CodeFlowClient.JsonAsync(wrongSecret)).GetProperty("error").GetString().ShouldBe("invalid_client");
        }
        using (var wrongVerifier = await _client.RedeemAsync(code, CodeFlowClient.Pkce().Verifier, MitIdStandIn.ClientId, MitIdStandIn.ClientSecret))
        {
            wrongVerifier.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await CodeFlowClient.JsonAsync(wrongVerifier)).GetProperty("error").GetString().ShouldBe("invalid_grant");
        }
        // The failed attempt used the code up, as a code is good once whatever happens to it.
        using var reused = await _client.RedeemAsync(code, verifier, MitIdStandIn.ClientId, MitIdStandIn.ClientSecret);
        (await CodeFlowClient.JsonAsync(reused)).GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task OtherGrantType_IsUnsupported()
    {
        var (code, verifier) = await LogInAsync("0101901234");
        using var r = await _client.RedeemAsync(code, verifier, MitIdStandIn.ClientId, MitIdStandIn.ClientSecret, grantType: "password");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CodeFlowClient.JsonAsync(r)).GetProperty("error").GetString().ShouldBe("unsupported_grant_type");
    }

    [Theory]
    [InlineData("client_id=someone-else&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%2Fcb")]
    [InlineData("client_id=feebridge&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2Fcb")]
    [InlineData("client_id=feebridge&response_type=token&redirect_uri=http%3A%2F%2Flocalhost%2Fcb")]
    public async Task Authorize_RefusesAStrangerOrAForeignRedirect(string query)
    {
        using var r = await _client.Http.GetAsync("/sandbox/mitid/authorize?" + query);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("<h1>Ukendt anmodning</h1>");
    }

    [Fact]
    public async Task Choice_WithoutTheAntiforgeryToken_IsRefused()
    {
        var html = await LogInPageAsync(CodeFlowClient.Pkce().Challenge);
        var fields = CodeFlowClient.HiddenFields(html);
        fields.Remove("__RequestVerificationToken");
        fields["identity"] = "0101901234";
        using var r = await _client.Http.PostAsync("/sandbox/mitid/authorize", new FormUrlEncodedContent(fields));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()).ShouldContain("<h1>Siden er udløbet</h1>");
    }

    [Fact]
    public async Task NoValidNumber_IsRefusedWithAPage()
    {
        var html = await LogInPageAsync(CodeFlowClient.Pkce().Challenge);
        var fields = CodeFlowClient.HiddenFields(html);
        fields["identity"] = "12345";
        using var r = await _client.Http.PostAsync("/sandbox/mitid/authorize", new FormUrlEncodedContent(fields));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("<h1>Ukendt identitet</h1>");
    }
}

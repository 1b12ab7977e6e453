using System.Net;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Sandbox.Staff;
using FeeBridge.Sandbox.Tests.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FeeBridge.Sandbox.Tests.Staff;

/// <summary>
/// The staff stand-in as an OpenID Connect provider (CONTRACTS.md §5: "Staff sign in with OpenID Connect (code flow +
/// PKCE)"), driven as FeeBridge's staff log-in and a browser would drive it.
/// </summary>
public sealed class StaffStandInTests : IClassFixture<WebApplicationFactory<SandboxProgram>>, IDisposable
{
    private const string Issuer = "http://localhost/sandbox/staff";
    private readonly CodeFlowClient _client;

    // One sandbox for the class: the tests share nothing in it but the signing key, each log-in its own code.
    public StaffStandInTests(WebApplicationFactory<SandboxProgram> sandbox) =>
        _client = new CodeFlowClient(sandbox.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), "/sandbox/staff");

    public void Dispose() => _client.Http.Dispose();

    private Task<string> PickerPageAsync(string challenge) => _client.LogInPageAsync(StaffStandIn.ClientId, challenge);

    /// <summary>Logs in as <paramref name="userName"/>: its button, or for a project leader the municipality list.</summary>
    private async Task<(string Code, string Verifier)> LogInAsync(string userName)
    {
        var (verifier, challenge) = CodeFlowClient.Pkce();
        var html = await PickerPageAsync(challenge);
        var marker = userName.StartsWith(StaffTestUsers.ProjectLeaderPrefix, StringComparison.Ordinal) ? "id=\"projektleder\"" : $"name=\"user\" value=\"{userName}\"";
        var (code, state) = await _client.ChooseAsync(html, marker, [new("user", userName)]);
        state.ShouldBe("st-1");
        return (code, verifier);
    }

    private async Task<(string AccessToken, string IdToken, int ExpiresIn)> TokensAsync(string userName)
    {
        var (code, verifier) = await LogInAsync(userName);
        using var r = await _client.RedeemAsync(code, verifier, StaffStandIn.ClientId, StaffStandIn.ClientSecret);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        var body = await CodeFlowClient.JsonAsync(r);
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("id_token").GetString()!, body.GetProperty("expires_in").GetInt32());
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage r) => (await CodeFlowClient.JsonAsync(r)).GetProperty("error").GetString()!;

    [Fact]
    public async Task Discovery_NamesTheOAuthEndpoints_ApartFromTheScriptsTokenPath()
    {
        var d = await _client.DiscoveryAsync();
        d.GetProperty("issuer").GetString().ShouldBe(Issuer);
        d.GetProperty("authorization_endpoint").GetString().ShouldBe(Issuer + "/oauth/authorize");
        d.GetProperty("token_endpoint").GetString().ShouldBe(Issuer + "/oauth/token");
        d.GetProperty("jwks_uri").GetString().ShouldBe(Issuer + "/jwks");
        d.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()).ShouldBe(["S256"]);
        d.GetProperty("claims_supported").EnumerateArray().Select(e => e.GetString()).ShouldContain(StaffTokens.RolesClaim);

        var jwks = await CodeFlowClient.JsonAsync(await _client.Http.GetAsync(Issuer + "/jwks"));
        var key = jwks.GetProperty("keys").EnumerateArray().Single();
        key.GetProperty("kty").GetString().ShouldBe("RSA");
        key.TryGetProperty("d", out _).ShouldBeFalse(); // the public half only
    }

    // CONTRACTS.md §5: "bibliotekar (library-staff 710100), bibliotekar-aarhus (library-staff 775100), debitor
    // (finance-staff 101), projektleder-<kommunekode> (project-leader of that municipality) … kombit, admin, revisor (auditor)".
    [Theory]
    [InlineData("bibliotekar", "library-staff:710100")]
    [InlineData("bibliotekar-aarhus", "library-staff:775100")]
    [InlineData("debitor", "finance-staff:101")]
    [InlineData("projektleder-101", "project-leader:101")]
    [InlineData("projektleder-751", "project-leader:751")]
    [InlineData("projektleder-851", "project-leader:851")]
    [InlineData("kombit", "kombit")]
    [InlineData("admin", "admin")]
    [InlineData("revisor", "auditor")]
    public async Task CodeFlowWithPkce_GivesTokensSignedByTheJwksKey_WithExactlyTheUsersRoles(string userName, string role)
    {
        var (accessToken, idToken, expiresIn) = await TokensAsync(userName);
        expiresIn.ShouldBe(3600);

        var access = await _client.ValidateAsync(accessToken, StaffTokens.Audience);
        access.IsValid.ShouldBeTrue(access.Exception?.Message);
        var id = await _client.ValidateAsync(idToken, StaffStandIn.ClientId);
        id.IsValid.ShouldBeTrue(id.Exception?.Message);

        foreach (var token in new[] { accessToken, idToken })
        {
            StaffTokenReading.Roles(token).ShouldBe([role]);
            var payload = StaffTokenReading.Payload(token);
            payload.GetProperty(StaffTokens.SubjectClaim).GetString().ShouldBe(userName);
            payload.GetProperty(StaffTokens.EmailClaim).GetString().ShouldBe($"{userName}@sandbox.feebridge.dk");
            payload.GetProperty(StaffTokens.NameClaim).GetString().ShouldNotBeNullOrWhiteSpace();
            (payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64()).ShouldBe(3600);
        }
        id.Claims["nonce"].ShouldBe("n-1");
        new JsonWebToken(accessToken).Typ.ShouldBe(StaffTokens.AccessTokenType);
        new JsonWebToken(idToken).Typ.ShouldBe("JWT"); // so an ID token is never taken for an access token
    }

    [Fact]
    public async Task PickerPage_IsDanish_WithOneHeading_EveryUser_AndAListOfAll98ProjectLeaders()
    {
        var html = await PickerPageAsync(CodeFlowClient.Pkce().Challenge);
        html.ShouldContain("<html lang=\"da\">");
        html.Split("<h1>").Length.ShouldBe(2);
        html.ShouldNotContain("<script");
        html.ShouldNotContain("style=");
        foreach (var u in StaffTestUsers.All.Where(u => u.Group != StaffGroup.ProjectLeader))
            html.ShouldContain($"<button type=\"submit\" name=\"user\" value=\"{u.UserName}\">");
        html.ShouldContain("<label for=\"projektleder\">");
        html.ShouldContain("<select id=\"projektleder\" name=\"user\"");
        foreach (var m in MunicipalityRegister.Denmark.All)
            html.ShouldContain($"<option value=\"projektleder-{m.Code}\">");
        html.Split("<option ").Length.ShouldBe(MunicipalityRegister.Denmark.All.Count + 1);
    }

    [Fact]
    public async Task WrongVerifier_MissingVerifier_ReusedCode_AreInvalidGrant()
    {
        var (code, verifier) = await LogInAsync("bibliotekar");
        using (var wrong = await _client.RedeemAsync(code, CodeFlowClient.Pkce().Verifier, StaffStandIn.ClientId, StaffStandIn.ClientSecret))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ErrorAsync(wrong)).ShouldBe("invalid_grant");
        }
        // A code is good once: the failed attempt used it up, so the right verifier comes too late.
        using (var late = await _client.RedeemAsync(code, verifier, StaffStandIn.ClientId, StaffStandIn.ClientSecret))
            (await ErrorAsync(late)).ShouldBe("invalid_grant");

        var (second, _) = await LogInAsync("bibliotekar");
        using var none = await _client.RedeemAsync(second, null, StaffStandIn.ClientId, StaffStandIn.ClientSecret);
        (await ErrorAsync(none)).ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task RedeemedCode_CannotBeRedeemedAgain()
    {
        var (code, verifier) = await LogInAsync("admin");
        using (var first = await _client.RedeemAsync(code, verifier, StaffStandIn.ClientId, StaffStandIn.ClientSecret))
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var again = await _client.RedeemAsync(code, verifier, StaffStandIn.ClientId, StaffStandIn.ClientSecret);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(again)).ShouldBe("invalid_grant");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WrongSecret_IsInvalidClient_ByPostOrBasic(bool basic)
    {
        var (code, verifier) = await LogInAsync("debitor");
        using var wrong = await _client.RedeemAsync(code, verifier, StaffStandIn.ClientId, "sandbox-mitid-secret", basic);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ErrorAsync(wrong)).ShouldBe("invalid_client");
        using var otherClient = await _client.RedeemAsync(code, verifier, "feebridge", StaffStandIn.ClientSecret, basic);
        (await ErrorAsync(otherClient)).ShouldBe("invalid_client");
        // The code is not spent on a caller that is not the client.
        using var right = await _client.RedeemAsync(code, verifier, StaffStandIn.ClientId, StaffStandIn.ClientSecret, basic);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&code_challenge=abc&code_challenge_method=plain")]
    [InlineData("&code_challenge_method=S256")]
    public async Task Authorize_WithoutAPkceS256Challenge_IsRefused(string pkce)
    {
        using var r = await _client.Http.GetAsync($"/sandbox/staff/oauth/authorize?client_id={StaffStandIn.ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(CodeFlowClient.RedirectUri)}{pkce}");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("PKCE");
    }

    [Fact]
    public async Task Authorize_ForTheMitIdClient_IsRefused()
    {
        var url = (await _client.AuthorizeUrlAsync(StaffStandIn.ClientId, CodeFlowClient.Pkce().Challenge)).Replace($"client_id={StaffStandIn.ClientId}", "client_id=feebridge", StringComparison.Ordinal);
        using var r = await _client.Http.GetAsync(url);
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("<h1>Ukendt anmodning</h1>");
    }

    [Fact]
    public async Task ChoosingAnUnknownUser_IsRefusedWithAPage()
    {
        var html = await PickerPageAsync(CodeFlowClient.Pkce().Challenge);
        var fields = CodeFlowClient.HiddenFields(html, "id=\"projektleder\"");
        fields["user"] = "projektleder-999";
        using var r = await _client.Http.PostAsync("/sandbox/staff/oauth/authorize", new FormUrlEncodedContent(fields));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("<h1>Ukendt bruger</h1>");
    }
}

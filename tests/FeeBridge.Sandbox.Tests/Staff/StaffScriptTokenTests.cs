using System.Net;
using System.Net.Http.Json;
using System.Text;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Sandbox.Staff;
using FeeBridge.Sandbox.Tests.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FeeBridge.Sandbox.Tests.Staff;

/// <summary>
/// CONTRACTS.md §5: "For scripts and tests, sandbox only: POST /sandbox/staff/token {"user":"projektleder"} →
/// {"accessToken","expiresIn"}, a token the stand-in signs for that user, accepted as a bearer token."
/// </summary>
public sealed class StaffScriptTokenTests : IClassFixture<WebApplicationFactory<SandboxProgram>>, IDisposable
{
    private readonly CodeFlowClient _client;

    // One sandbox for the class: the tests share nothing in it but the signing key, each log-in its own code.
    public StaffScriptTokenTests(WebApplicationFactory<SandboxProgram> sandbox) =>
        _client = new CodeFlowClient(sandbox.CreateClient(), "/sandbox/staff");

    public void Dispose() => _client.Http.Dispose();

    private async Task<string> TokenForAsync(string userName)
    {
        using var r = await _client.Http.PostAsJsonAsync("/sandbox/staff/token", new { user = userName });
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        var body = await CodeFlowClient.JsonAsync(r);
        body.GetProperty("expiresIn").GetInt32().ShouldBe(3600);
        var token = body.GetProperty("accessToken").GetString()!;
        var validated = await _client.ValidateAsync(token, StaffTokens.Audience);
        validated.IsValid.ShouldBeTrue(validated.Exception?.Message);
        return token;
    }

    [Theory]
    [InlineData("bibliotekar", "bibliotekar", "library-staff:710100")]
    [InlineData("bibliotekar-aarhus", "bibliotekar-aarhus", "library-staff:775100")]
    [InlineData("debitor", "debitor", "finance-staff:101")]
    [InlineData("projektleder", "projektleder-101", "project-leader:101")] // "projektleder alone is projektleder-101"
    [InlineData("projektleder-751", "projektleder-751", "project-leader:751")]
    [InlineData("kombit", "kombit", "kombit")]
    [InlineData("admin", "admin", "admin")]
    [InlineData("revisor", "revisor", "auditor")]
    public async Task EachKindOfUser_GetsASignedAccessToken_WithItsRoles(string asked, string subject, string role)
    {
        var token = await TokenForAsync(asked);
        StaffTokenReading.Payload(token).GetProperty(StaffTokens.SubjectClaim).GetString().ShouldBe(subject);
        StaffTokenReading.Roles(token).ShouldBe([role]);
    }

    [Fact]
    public async Task EveryOneOfThe98Municipalities_HasAProjectLeader_ScopedToIt()
    {
        var municipalities = MunicipalityRegister.Denmark.All;
        municipalities.Count.ShouldBe(98);
        foreach (var m in municipalities)
        {
            var token = await TokenForAsync($"projektleder-{m.Code}");
            StaffTokenReading.Roles(token).ShouldBe([$"project-leader:{m.Code}"]);
            StaffTokenReading.Payload(token).GetProperty(StaffTokens.NameClaim).GetString()!.ShouldContain(m.Name);
        }
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("Bibliotekar")] // user names are exact
    [InlineData("projektleder-999")]
    [InlineData("projektleder-")]
    public async Task UnknownUser_Is404ProblemJson(string userName)
    {
        using var r = await _client.Http.PostAsJsonAsync("/sandbox/staff/token", new { user = userName });
        r.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await CodeFlowClient.JsonAsync(r);
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        problem.GetProperty("detail").GetString()!.ShouldContain(userName);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"user\":\"\"}")]
    [InlineData("{\"user\":")]
    [InlineData("[\"admin\"]")]
    public async Task NoUserNamed_Is400ProblemJson(string json)
    {
        using var r = await _client.Http.PostAsync("/sandbox/staff/token", new StringContent(json, Encoding.UTF8, "application/json"));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task NotJson_Is415ProblemJson()
    {
        using var r = await _client.Http.PostAsync("/sandbox/staff/token", new FormUrlEncodedContent([new("user", "admin")]));
        r.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}

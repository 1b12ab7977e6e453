using System.Net;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Citizen;

/// <summary>
/// The log-in against a configured OpenID Connect provider in another process (the MitID stand-in of a separate
/// sandbox process, standing in for NemLog-in): the same code flow, driven only by configuration.
/// </summary>
public sealed class ExternalProviderTests : IDisposable
{
    private readonly SandboxProcess _provider = new();
    private readonly string _data = TestStores.NewDataDirectory();

    private FeeBridgeProcess Start(string secret) => new(_data, null, new Dictionary<string, string>
    {
        ["FeeBridge:Citizen:Authority"] = new Uri(_provider.Address, "/sandbox/mitid").ToString().TrimEnd('/'),
        ["FeeBridge:Citizen:ClientId"] = "feebridge",
        ["FeeBridge:Citizen:ClientSecret"] = secret,
    });

    [Fact]
    public async Task Log_in_runs_against_the_configured_provider()
    {
        using var feeBridge = Start("sandbox-mitid-secret");
        using var session = new CitizenSession(feeBridge.Address);
        using var start = await session.SendAsync(HttpMethod.Get, "/borger/log-ind");
        start.Headers.Location!.Authority.ShouldBe(_provider.Address.Authority);

        using var loggedIn = await CitizenSession.LogInAsync(feeBridge.Address, "2304781234");
        using var me = await loggedIn.SendAsync(HttpMethod.Get, "/api/v1/me/claims");
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await me.Json())["id"]!).ShouldBe("230478-****");
    }

    [Fact]
    public async Task A_provider_that_refuses_the_client_leaves_the_citizen_logged_out_with_a_plain_message()
    {
        using var feeBridge = Start("the-wrong-secret");
        var (session, landing) = await CitizenSession.TryLogInAsync(feeBridge.Address, "2304781234");
        using var _ = session;
        landing.ShouldBe("/borger?fejl=log-ind");
        (await session.GetStringAsync(landing)).ShouldContain("Du blev ikke logget ind");
        using var me = await session.SendAsync(HttpMethod.Get, "/api/v1/me/claims");
        me.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        _provider.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

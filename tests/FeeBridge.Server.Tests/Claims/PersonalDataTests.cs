using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Claims;

/// <summary>A CPR number never appears in a log line, an error or a response, whatever the request does.</summary>
public abstract class PersonalDataTests(StoreKind kind)
{
    [Fact]
    public async Task CprNumbers_NeverReachTheLog_EvenAtTraceLevel()
    {
        using var host = new FeeBridgeHost(kind);
        var client = host.Library();
        const string valid = "1111851234", impossible = "3102851234", guardian = "2202851234", next = "0303851234";

        var body = ClaimBodies.Fee(patronId: "P-log", cpr: valid);
        body["guardian"] = new JsonObject { ["cpr"] = guardian };
        (await client.PutClaim("710100", "log-1", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PutClaim("710100", "log-1", ClaimBodies.Fee(patronId: "P-log", cpr: next))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.PutClaim("710100", "log-2", ClaimBodies.Fee(patronId: "P-log", cpr: impossible))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await client.PutJson("/api/v1/agencies/710100/patrons/P-log/debtor", new { cpr = next })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.GetAsync("/api/v1/agencies/710100/claims/log-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Library("wrong").PutClaim("710100", "log-3", ClaimBodies.Fee(cpr: valid))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        host.Logs.Lines.ShouldNotBeEmpty();
        foreach (var line in host.Logs.Lines)
        {
            foreach (var cpr in new[] { valid, impossible, guardian, next })
            {
                line.ShouldNotContain(cpr);
                line.ShouldNotContain(cpr[..6] + "-" + cpr[6..]);
            }
        }
    }
}

[Trait("store", "sqlite")]
public sealed class PersonalDataOnSqlite() : PersonalDataTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class PersonalDataOnPostgres() : PersonalDataTests(StoreKind.Postgres);

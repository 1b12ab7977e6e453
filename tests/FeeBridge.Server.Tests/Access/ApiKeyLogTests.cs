using System.Net;
using System.Net.Http.Headers;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Access;

/// <summary>
/// A refused API request costs at most one log line, and no line ever holds the key sent (issue 14 §4: each invalid key
/// used to log two Information lines). Key guessing must not flood the log, nor copy a real key mistyped into it.
/// </summary>
public abstract class ApiKeyLogTests(HostFixture fixture)
{
    private static bool AboutAccess(string line) =>
        line.Contains("Authentication", StringComparison.Ordinal) || line.Contains("Authorization", StringComparison.Ordinal)
        || line.Contains("ApiKey", StringComparison.Ordinal);

    private async Task<string[]> LinesOf(Func<HttpClient, Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var before = fixture.Host.Logs.Lines.Count;
        using var client = fixture.Host.CreateClient();
        using var r = await send(client);
        r.StatusCode.ShouldBe(expected);
        return fixture.Host.Logs.Lines.Skip(before).ToArray();
    }

    [Theory]
    [InlineData("Bearer wrong-key-7f3a9c2e51d04b8a")]
    [InlineData("Basic d3Jvbmcta2V5LTdmM2E5YzJlNTFkMDRiOGE=")]
    public async Task AnInvalidKey_LogsOneLine_WithoutTheKey(string authorization)
    {
        var lines = await LinesOf(c =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agencies/710100/claims");
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
            return c.SendAsync(request);
        }, HttpStatusCode.Unauthorized);

        lines.Count(AboutAccess).ShouldBeLessThanOrEqualTo(1, string.Join("\n", lines));
        lines.ShouldNotContain(l => l.Contains("wrong-key-7f3a9c2e51d04b8a") || l.Contains("d3Jvbmcta2V5"));
    }

    [Fact]
    public async Task AKeyForAnotherAgency_LogsOneLine_WithoutTheKey()
    {
        var lines = await LinesOf(c =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agencies/999999/claims");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-library-key");
            return c.SendAsync(request);
        }, HttpStatusCode.Forbidden);

        lines.Count(AboutAccess).ShouldBeLessThanOrEqualTo(1, string.Join("\n", lines));
        lines.ShouldNotContain(l => l.Contains("sandbox-library-key"));
    }
}

[Trait("store", "sqlite")]
public sealed class ApiKeyLogsOnSqlite(SqliteHost fixture) : ApiKeyLogTests(fixture), IClassFixture<SqliteHost>;

[Trait("store", "postgresql")]
public sealed class ApiKeyLogsOnPostgres(PostgresHost fixture) : ApiKeyLogTests(fixture), IClassFixture<PostgresHost>;

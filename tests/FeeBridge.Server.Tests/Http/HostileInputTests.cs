using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Inbox;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FeeBridge.Server.Tests.Http;

/// <summary>FeeBridge in-process behind real Kestrel (its body limits and data-rate timeout are Kestrel's, not the test server's).</summary>
public abstract class KestrelHost : IDisposable
{
    protected KestrelHost(StoreKind kind)
    {
        // A free port: appsettings.json's 5080 would be shared with every other host of the test run (and their sandboxes).
        Host = new FeeBridgeHost(kind, settings: new() { ["urls"] = "http://127.0.0.1:0" });
        // Production's grace period is Kestrel's 5 s; two seconds keep the slow-body test short.
        Host.UseKestrel(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2)));
        Host.StartServer();
        Address = Host.CreateClient().BaseAddress!;
        Address.Port.ShouldNotBe(5080);
    }

    public FeeBridgeHost Host { get; }
    public Uri Address { get; }
    public void Dispose() => Host.Dispose();
}

public sealed class SqliteKestrelHost() : KestrelHost(StoreKind.Sqlite);

public sealed class PostgresKestrelHost() : KestrelHost(StoreKind.Postgres);

/// <summary>
/// Input an attacker or a careless client sends (issue 14 §4): every one is answered with a 4xx problem (or a SOAP
/// Fault on the SOAP face), never a 500 with a stack trace, and stores nothing.
/// </summary>
public abstract class HostileInputTests(KestrelHost fixture)
{
    private FeeBridgeHost Host => fixture.Host;
    private HttpClient Library => Host.Library();
    private const string Cph = "710100";

    private static string NewId(string prefix = "H") => prefix + Guid.NewGuid().ToString("N")[..12];

    private static ByteArrayContent JsonBytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private async Task ShouldBeStoredNothing(string claimId) =>
        (await Library.GetAsync($"/api/v1/agencies/{Cph}/claims/{claimId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

    private void ShouldHaveLoggedNoError() =>
        Host.Logs.Lines.ShouldNotContain(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));

    [Fact]
    public async Task Json_WithInvalidUtf8InAString_Is422Problem_NotA500()
    {
        var id = NewId();
        var text = ClaimBodies.Fee(patronId: "PLACEHOLDER").ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = text.IndexOf("PLACEHOLDER", StringComparison.Ordinal);
        bytes[at] = 0xC3; // a lead byte followed by an ASCII letter: not UTF-8
        bytes[at + 1] = 0x28;

        using var r = await Library.PutAsync($"/api/v1/agencies/{Cph}/claims/{id}", JsonBytes(bytes));

        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await r.Json())["errors"]!.AsObject().ContainsKey("patronId").ShouldBeTrue();
        await ShouldBeStoredNothing(id);
        ShouldHaveLoggedNoError();
    }

    [Theory]
    [InlineData("debtorName", "\"Jens \\ud800Hansen\"")]
    [InlineData("reason", "\"\\udc00\"")]
    public async Task Json_WithALoneSurrogate_Is422Problem_NotA500(string field, string jsonValue)
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        body[field] = "PLACEHOLDER";
        var text = body.ToJsonString().Replace("\"PLACEHOLDER\"", jsonValue);

        using var r = await Library.PutAsync($"/api/v1/agencies/{Cph}/claims/{id}", new StringContent(text, Encoding.UTF8, "application/json"));

        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await r.Json())["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue();
        await ShouldBeStoredNothing(id);
        ShouldHaveLoggedNoError();
    }

    [Theory]
    [InlineData("patronId", "\"patronId\":\"a\",\"patronId\":\"b\"")]
    [InlineData("lines[0].amount", "\"lines\":[{\"lineId\":\"1\",\"amount\":\"120.00\",\"amount\":\"1.00\"}]")]
    [InlineData("debtor.cpr", "\"debtor\":{\"cpr\":\"0101901234\",\"cpr\":\"0202021234\"}")]
    public async Task Json_WithADuplicateKey_Is422NamingTheField_InsteadOfLastWins(string field, string duplicated)
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        var name = field.Split('.', '[')[0];
        body.Remove(name);
        var text = body.ToJsonString().TrimEnd('}') + "," + duplicated + "}";

        using var r = await Library.PutAsync($"/api/v1/agencies/{Cph}/claims/{id}", new StringContent(text, Encoding.UTF8, "application/json"));

        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await r.Content.ReadAsStringAsync());
        var errors = (await r.Json())["errors"]!.AsObject();
        errors.ContainsKey(field).ShouldBeTrue(errors.ToJsonString());
        errors.ToJsonString().ShouldNotContain("0202021234");
        await ShouldBeStoredNothing(id);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2026-11-19")] // the day before createdAt (2026-11-20)
    [InlineData("2031-11-21")] // over five years after createdAt
    public async Task DueDate_OutsideASaneWindowAroundCreatedAt_Is422(string dueDate)
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        body["dueDate"] = dueDate;

        using var r = await Library.PutClaim(Cph, id, body);

        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await r.Content.ReadAsStringAsync());
        (await r.Json())["errors"]!.AsObject().ContainsKey("dueDate").ShouldBeTrue();
        await ShouldBeStoredNothing(id);
    }

    [Theory]
    [InlineData("2026-11-20")]
    [InlineData("2031-11-20")]
    public async Task DueDate_FromCreatedAtsDateToFiveYearsLater_IsTaken(string dueDate)
    {
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        body["dueDate"] = dueDate;
        using var r = await Library.PutClaim(Cph, NewId(), body);
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        ((string)(await r.Json())["dueDate"]!).ShouldBe(dueDate);
    }

    /// <summary>A valid claim padded with trailing whitespace (still valid JSON) to <paramref name="size"/> bytes, sent chunked (no Content-Length).</summary>
    private static HttpContent Chunked(string patronId, int size)
    {
        var json = Encoding.UTF8.GetBytes(ClaimBodies.Fee(patronId: patronId).ToJsonString());
        var bytes = new byte[size];
        json.CopyTo(bytes, 0);
        bytes.AsSpan(json.Length).Fill((byte)' ');
        var content = new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    [Fact]
    public async Task ChunkedBody_JustUnderOneMegabyte_IsTakenNormally()
    {
        var id = NewId();
        using var content = Chunked(NewId("P"), 1024 * 1024 - 16);
        using var r = await Library.PutAsync($"/api/v1/agencies/{Cph}/claims/{id}", content);
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        ShouldHaveLoggedNoError();
    }

    [Theory]
    [InlineData(1024 * 1024 + 1)]
    [InlineData(1024 * 1024 + 2)]
    [InlineData(1024 * 1024 + 100_000)]
    public async Task ChunkedBody_OverOneMegabyte_Is413Problem_AndStoresNothing(int size)
    {
        var id = NewId();
        var patron = NewId("P");
        // Kestrel answers 413 the moment the limit is crossed and closes the connection; a client still sending its
        // last bytes then sees a broken pipe instead of the answer. Send again (the same refusal) until it is read.
        HttpResponseMessage? answered = null;
        for (var attempt = 0; answered is null; attempt++)
        {
            using var content = Chunked(patron, size);
            try
            {
                answered = await Library.PutAsync($"/api/v1/agencies/{Cph}/claims/{id}", content);
            }
            catch (HttpRequestException e) when (e.InnerException is IOException && attempt < 5) { }
        }
        using var r = answered;
        r.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        await ShouldBeStoredNothing(id);
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task ABodyThatStalls_Is408_NotA500()
    {
        var id = NewId();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Address.Host, fixture.Address.Port);
        var stream = tcp.GetStream();
        var head = $"PUT /api/v1/agencies/{Cph}/claims/{id} HTTP/1.1\r\nHost: {fixture.Address.Authority}\r\n" +
                   "Authorization: Bearer sandbox-library-key\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"pat";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();

        // Then nothing: Kestrel's minimum data rate ends the wait.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) break;
            answer.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        answer.ToString().ShouldStartWith("HTTP/1.1 408");
        await ShouldBeStoredNothing(id);
        ShouldHaveLoggedNoError();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ASoapBodyOverOneMegabyte_IsASoapFaultClient_NotA500Page(bool chunked)
    {
        var xml = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><x>" + new string('a', 1200 * 1024) + "</x></soap:Body></soap:Envelope>";
        HttpContent content = Reports.Raw(xml);
        if (chunked)
        {
            var c = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(xml)));
            c.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
            content = c;
        }
        using var r = await Host.CreateClient().PostAsync("/sf1590/DaekningAfskrivningRegistrering", content);

        r.StatusCode.ShouldBe(HttpStatusCode.InternalServerError); // SOAP 1.1: a Fault travels as 500
        r.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        (await r.Content.ReadAsStringAsync()).ShouldContain("soap:Client");
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task ASoapFaultSentAsARequest_IsAnsweredWithASoapFaultClient()
    {
        var xml = FeeBridge.DebtorSystem.Xml.Soap.Fault("Server", "I am a fault, not a request").ToString();
        // Signed as the municipality's debtor system would, so the fault reaches the parser (an unsigned one is
        // refused before it: "Not authenticated").
        using var r = await Host.CreateClient().PostAsync("/sf1590/DaekningAfskrivningRegistrering", Reports.Signed(xml, "101"));

        r.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        var body = await r.Content.ReadAsStringAsync();
        body.ShouldContain("soap:Client");
        body.ShouldNotContain("Not authenticated");
        body.ShouldNotContain("I am a fault");
        Host.Logs.Lines.ShouldContain(l => l.Contains("Refused a DaekningAfskrivningRegistrering message", StringComparison.Ordinal));
        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task ARefusedReport_IsLogged_BoundedAndWithoutTheSendersLineBreaks()
    {
        // FagsystemFordringId is the sender's text; the refusal quotes it ("No claim … was registered").
        var forged = "x\nInformation FeeBridge: forged line\r\n" + new string('A', 5000);
        var report = Reports.Of(forged, FeeBridge.DebtorSystem.Contract.HaendelseType.Daekning, "1.00", "0.00");
        (await Host.CreateClient().SendAsync("101", report)).Single().Status.ShouldBe(FeeBridge.DebtorSystem.Contract.HaendelseStatus.Afvist);

        var line = Host.Logs.Lines.Single(l => l.Contains(report.HaendelseId.ToString("D"), StringComparison.Ordinal));
        line.ShouldNotContain("\n");
        line.ShouldNotContain("\r");
        line.Length.ShouldBeLessThan(500);
    }

    [Fact]
    public async Task ARefusedMessage_IsLogged_Bounded()
    {
        var name = new string('B', 20_000);
        var xml = $"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><{name} xmlns=\"urn:feebridge:modelled:sf1590:v1\"/></soap:Body></soap:Envelope>";
        // Signed as the municipality's debtor system would, so the message reaches the parser (an unsigned one stops earlier).
        using var r = await Host.CreateClient().PostAsync("/sf1590/DaekningAfskrivningRegistrering", Reports.Signed(xml, "101"));
        r.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        var line = Host.Logs.Lines.Last(l => l.Contains("Refused a DaekningAfskrivningRegistrering message", StringComparison.Ordinal));
        line.ShouldContain("BBBB");
        line.Length.ShouldBeLessThan(500);
        (await r.Content.ReadAsStringAsync()).Length.ShouldBeLessThan(2000);
    }

    /// <summary>A stream whose length is unknown, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

[Trait("store", "sqlite")]
public sealed class HostileInputOnSqlite(SqliteKestrelHost fixture) : HostileInputTests(fixture), IClassFixture<SqliteKestrelHost>;

[Trait("store", "postgresql")]
public sealed class HostileInputOnPostgres(PostgresKestrelHost fixture) : HostileInputTests(fixture), IClassFixture<PostgresKestrelHost>;

using System.Text.Json;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using FeeBridge.DebtorSystem.Authentication;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;
using FeeBridge.Sandbox.DebtorSystem;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace FeeBridge.Sandbox.Tests;

/// <summary>The sandbox reports payments and hand-offs to FeeBridge over real HTTP, until they are acknowledged.</summary>
public sealed class EventPushTests : IAsyncLifetime
{
    private WebApplication _receiver = null!;
    private WebApplicationFactory<SandboxProgram> _sandbox = null!;
    private HttpClient _http = null!;
    private int _failFirst;
    private int _unsigned;
    private readonly ConcurrentQueue<Haendelse> _received = new();

    public async Task InitializeAsync()
    {
        // A stand-in for FeeBridge's receiver: it refuses the first calls, then answers Modtaget for every event, and
        // checks that each delivery is signed as FeeBridge requires (issue 14), with the municipality's development secret.
        var builder = WebApplication.CreateBuilder();
        var port = FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _receiver = builder.Build();
        _receiver.MapPost("/sf1590/DaekningAfskrivningRegistrering", async (HttpContext http) =>
        {
            if (Interlocked.Decrement(ref _failFirst) >= 0) return Results.StatusCode(503);
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var request = EventXml.ReadRequest(Soap.Body(SafeXml.Parse(new MemoryStream(body))));
            if (!ReportSignature.TryRead(http.Request.Headers[ReportSignature.Header], out var signer, out var at, out var mac, out _)
                || signer != request.MyndighedKode || (DateTimeOffset.UtcNow - at).Duration() > ReportSignature.DefaultWindow
                || !ReportSignature.Verify(ReportSignature.DevelopmentSecret(signer), signer, at, mac, body))
            {
                Interlocked.Increment(ref _unsigned);
                return Results.StatusCode(500);
            }
            foreach (var h in request.Haendelser) _received.Enqueue(h);
            var answer = new DaekningAfskrivningSvar(request.Haendelser.Select(h => new HaendelseKvittering(h.HaendelseId, HaendelseStatus.Modtaget, null)).ToList());
            return Results.Text(Soap.Envelope(EventXml.Write(answer)).ToString(), "text/xml");
        });
        await _receiver.StartAsync();

        _sandbox = new WebApplicationFactory<SandboxProgram>().WithWebHostBuilder(b =>
            b.UseSetting("Sandbox:FeeBridgeUrl", $"http://127.0.0.1:{port}"));
        _http = _sandbox.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _unsigned.ShouldBe(0, "every delivery was signed");
        _http.Dispose();
        await _sandbox.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private DebtorSandbox Sandbox => (DebtorSandbox)_sandbox.Services.GetService(typeof(DebtorSandbox))!;

    private void Register(string id)
    {
        var jens = new Party(Cpr.Parse("0101901234"), null, null);
        Sandbox.Process(new DebitorRegistrering(Kommunekode.Parse("101"), "FeeBridge", Guid.NewGuid(),
        [
            new OpretDebitorkonto(Guid.NewGuid(), jens, new Fordring(id, "BIBGEBYR", null, Sandbox.Today, Sandbox.Today, Sandbox.Today.AddDays(30),
                [new Delfordring("1", Money.Parse("120.00"), null)], jens, null)),
        ])).Kvitteringer.Single().Status.ShouldBe(KvitteringStatus.Udfoert);
    }

    private async Task Until(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The events did not arrive.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task APayment_IsReportedAsDaekning_AgainAndAgainUntilAcknowledged()
    {
        _failFirst = 2;
        Register("710100-P1");
        (await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = "710100-P1", amount = "20.00", method = "MobilePay" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        await Until(() => !_received.IsEmpty);
        await Until(() => Sandbox.Unreported(10).Count == 0);

        var e = _received.Single();
        e.Type.ShouldBe(HaendelseType.Daekning);
        e.FagsystemFordringId.ShouldBe("710100-P1");
        e.Beloeb.ShouldBe(Money.Parse("20.00"));
        e.Restsaldo.ShouldBe(Money.Parse("100.00"));
        e.Betalingsmaade.ShouldBe("MobilePay");
        _failFirst.ShouldBeLessThan(0, "the first two calls were refused and retried");
    }

    [Fact]
    public async Task APaymentThatCoversOnlyReminderFees_ChangesNothingOnTheLibrarysClaim_AndIsNotReported()
    {
        Register("710100-P5");
        (await _http.PostAsJsonAsync("/sandbox/debtor/clock", new { advanceDays = 32 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var paid = await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = "710100-P5", amount = "100.00" });
        (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fees").GetString().ShouldBe("100.00");

        Sandbox.Unreported(10).ShouldNotContain(u => u.Event.FagsystemFordringId == "710100-P5" && u.Event.Type == HaendelseType.Daekning);
    }

    [Fact]
    public async Task AnOverPayment_IsReportedWithTheCredit_SoFeeBridgeCanShowItOwedBack()
    {
        Register("710100-P6");
        (await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = "710100-P6", amount = "150.00" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Until(() => _received.Any(h => h.FagsystemFordringId == "710100-P6"));

        var e = _received.Single(h => h.FagsystemFordringId == "710100-P6");
        e.Beloeb.ShouldBe(Money.Parse("150.00"));
        e.Restsaldo.ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task WithDuplicatesSwitchedOn_FeeBridgeSeesTheSameEventTwice()
    {
        (await _http.PutAsJsonAsync("/sandbox/debtor/faults", new { duplicateRate = 1.0, reorder = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Register("710100-P2");
        (await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = "710100-P2", amount = "120.00" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Until(() => _received.Count >= 2);

        _received.Select(h => h.HaendelseId).Distinct().Count().ShouldBe(1);
        _received.First().Restsaldo.ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task AHandOffToCollection_IsReported()
    {
        Register("710100-P3");
        (await _http.PostAsJsonAsync("/sandbox/debtor/clock", new { advanceDays = 30 + Sandbox.Rules.CollectionAfterDays })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Until(() => _received.Any(h => h.Type == HaendelseType.OversendtTilInddrivelse));

        var handOff = _received.Single(h => h.Type == HaendelseType.OversendtTilInddrivelse);
        handOff.FagsystemFordringId.ShouldBe("710100-P3");
        handOff.Restsaldo.ShouldBe(Money.Parse("120.00"));
    }

    [Fact]
    public async Task AWriteOff_WritesOffEverythingLeft_AndReportsThePrincipalAsAfskrivning()
    {
        Register("710100-P4");
        (await _http.PostAsJsonAsync("/sandbox/debtor/clock", new { advanceDays = 32 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var r = await _http.PostAsJsonAsync("/sandbox/debtor/101/write-offs", new { fagsystemFordringId = "710100-P4" });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("writtenOff").GetString()
            .ShouldBe("370.84"); // 120.00 principal + 250.00 reminder fee + 0.84 interest

        await Until(() => _received.Any(h => h.Type == HaendelseType.Afskrivning));

        var writeOff = _received.Single(h => h.Type == HaendelseType.Afskrivning);
        writeOff.Beloeb.ShouldBe(Money.Parse("120.00"), "the library's claim is the principal; fees and interest are the debtor system's");
        writeOff.Restsaldo.ShouldBe(Money.Zero);
        (await _http.PostAsJsonAsync("/sandbox/debtor/101/write-offs", new { fagsystemFordringId = "710100-P4" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.CommunicationPlan;

/// <summary>
/// "Sent once each even if the process restarts mid-send" (issue 16 part 4): a process killed after it recorded a send
/// and took its first recipient, while it waits for the mail server's greeting, leaves the send to the next process,
/// which sends to every recipient once — none lost, none twice.
/// </summary>
public abstract class CommunicationSendRestartTests(StoreKind kind) : IDisposable
{
    private readonly string _data = TestStores.NewDataDirectory();
    private readonly string? _database = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
    private readonly List<FeeBridgeProcess> _processes = [];

    private FeeBridgeProcess Start(int smtpPort)
    {
        var process = new FeeBridgeProcess(_data, _database, CommunicationPlanSite.Build(smtpPort));
        _processes.Add(process);
        return process;
    }

    [Fact]
    public async Task AProcessKilledMidSend_LeavesTheRestToTheNext_AndEachRecipientGetsOneMail()
    {
        using var silent = new SilentMailServer();
        var doomed = Start(silent.Port);
        using var leader = await StaffAsync(doomed, "projektleder-575");
        var people = Enumerable.Range(0, 3).Select(_ => ReminderMailServer.NewAddress("borger")).ToArray();
        (await leader.GetAsync("/api/v1/rollout/municipalities/575/communication-plan")).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rollout/municipalities/575/communication-plan/rows/d-06/sends")
        {
            Content = JsonContent.Create(new { channel = "email", subject = "Nyhedsbrev: gebyrer", text = "Fra næste måned betaler du på kommunens side.", addresses = people }),
        };
        request.Headers.Add("Idempotency-Key", "restart-1");
        using var sent = await leader.SendAsync(request);
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        var sendId = (string)(await sent.Json())["sendId"]!;

        // The sender connects only after it claimed a recipient: kill it while it waits for the server's greeting.
        await silent.Connected.WaitAsync(TimeSpan.FromSeconds(60));
        doomed.Kill();
        people.ShouldAllBe(p => ReminderMailServer.MessagesTo(p).Count == 0);

        var next = Start(ReminderMailServer.Port);
        using var again = await StaffAsync(next, "projektleder-575");
        var send = await Eventually.Until(async () => await (await again.GetAsync($"/api/v1/rollout/municipalities/575/communication-plan/sends/{sendId}")).Json(),
            s => s["completedAt"] is not null);
        send["deliveries"]!.AsArray().ShouldAllBe(d => (string)d!["state"]! == "accepted");
        // The recipient the killed process held was taken over after its lease: a second attempt.
        send["deliveries"]!.AsArray().Max(d => (int)d!["attempts"]!).ShouldBe(2);
        await Task.Delay(TimeSpan.FromSeconds(3));
        people.ShouldAllBe(p => ReminderMailServer.MessagesTo(p).Count == 1);
        ((string)(await (await again.GetAsync("/api/v1/rollout/municipalities/575/communication-plan")).Json())["rows"]!.AsArray()
            .First(r => (string)r!["rowId"]! == "d-06")!["status"]!).ShouldBe("done");
    }

    private static async Task<HttpClient> StaffAsync(FeeBridgeProcess process, string user)
    {
        using var anonymous = new HttpClient { BaseAddress = process.Address };
        using var r = await anonymous.PostAsJsonAsync("/sandbox/staff/token", new { user });
        r.EnsureSuccessStatusCode();
        var c = new HttpClient { BaseAddress = process.Address };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)(await r.Json())["accessToken"]!);
        return c;
    }

    public void Dispose()
    {
        foreach (var p in _processes) p.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

[Trait("store", "sqlite")]
public sealed class SqliteCommunicationSendRestartTests() : CommunicationSendRestartTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class PostgresCommunicationSendRestartTests() : CommunicationSendRestartTests(StoreKind.Postgres);

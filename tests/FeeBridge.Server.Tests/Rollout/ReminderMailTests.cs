using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// Deadline reminders from FeeBridge as a real process through a real SMTP server (exim, scripts/smtp.sh): a task due
/// in 3 days, with the 3-days-before reminder chosen, mails its accountable once — however many rounds run, however
/// many processes, and when the process is killed between recording the reminder and sending it; a recipient the
/// server refuses is recorded as bounced and shows in the municipality's role gallery warnings (DOMAIN.md §8: "an
/// address that bounces means the municipality misses information").
/// </summary>
public abstract class ReminderMailTests(StoreKind kind) : IDisposable
{
    private readonly string _data = TestStores.NewDataDirectory();
    private readonly string? _database = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
    private readonly List<FeeBridgeProcess> _processes = [];

    private FeeBridgeProcess Start(int smtpPort)
    {
        var settings = ReminderMailServer.Settings(smtpPort);
        settings["Logging:LogLevel:FeeBridge.Application.Rollout"] = "Information";
        var process = new FeeBridgeProcess(_data, _database, settings);
        _processes.Add(process);
        return process;
    }

    [Fact]
    public async Task ATaskDueIn3Days_MailsItsAccountableOnce_HoweverManyRoundsAndProcessesRun()
    {
        var first = Start(ReminderMailServer.Port);
        var person = ReminderMailServer.NewAddress();
        var deadline = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(3);
        var (taskId, title) = await AssignAsync(first, "161", person, deadline);

        var mail = (await Eventually.Until(() => Task.FromResult(ReminderMailServer.MessagesTo(person)), m => m.Count > 0)).Single();
        mail.Subject.ShouldBe($"Frist om 3 dage: {title}");
        var text = mail.TextBody ?? "";
        text.ShouldContain(title);
        text.ShouldContain($"{deadline.Day}. ");
        text.ShouldContain(deadline.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        text.ShouldContain($"https://feebridge.kommune.dk/staff/rollout/161/tasks/{Uri.EscapeDataString(taskId)}");
        mail.Headers["Auto-Submitted"].ShouldBe("auto-generated");

        // A second process on the same database, and rounds every second in both, past the 2 s lease: still one mail.
        var second = Start(ReminderMailServer.Port);
        await Task.Delay(TimeSpan.FromSeconds(5));
        ReminderMailServer.MessagesTo(person).Count.ShouldBe(1);
        second.Output.ShouldNotContain(l => l.Contains("sending it again", StringComparison.Ordinal));
        // Never an address in the log.
        first.Output.Concat(second.Output).ShouldNotContain(l => l.Contains(person, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AProcessKilledAfterRecordingAReminder_TheNextProcessSendsIt_Once()
    {
        using var silent = new SilentMailServer();
        var doomed = Start(silent.Port);
        var person = ReminderMailServer.NewAddress();
        var (_, title) = await AssignAsync(doomed, "163", person, CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(3));

        // The sender connects only after it recorded the reminder: kill it while it waits for the server's greeting.
        await silent.Connected.WaitAsync(TimeSpan.FromSeconds(60));
        doomed.Kill();
        ReminderMailServer.MessagesTo(person).ShouldBeEmpty();

        var next = Start(ReminderMailServer.Port);
        var mails = await Eventually.Until(() => Task.FromResult(ReminderMailServer.MessagesTo(person)), m => m.Count > 0);
        mails.Single().Subject.ShouldBe($"Frist om 3 dage: {title}");
        next.Output.ShouldContain(l => l.Contains("sending it again (attempt 2)", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(4));
        ReminderMailServer.MessagesTo(person).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ARecipientTheServerRefuses_IsRecordedAsBounced_AndTheGalleryWarnsOfIt()
    {
        var process = Start(ReminderMailServer.Port);
        var person = ReminderMailServer.NewAddress("bounce");
        await AssignAsync(process, "165", person, CopenhagenTime.DateOf(DateTimeOffset.UtcNow));

        using var leader = await StaffAsync(process, "projektleder-165");
        var warnings = await Eventually.Until(async () =>
                (await (await leader.GetAsync("/api/v1/rollout/municipalities/165/organisation")).Json())["warnings"]!.AsArray().Select(w => (string)w!).ToList(),
            w => w.Any(x => x.Contains(person, StringComparison.Ordinal)));
        warnings.ShouldContain(w => w.Contains(person, StringComparison.Ordinal) && w.Contains("retur", StringComparison.Ordinal));
        ReminderMailServer.MessagesTo(person).ShouldBeEmpty();
        // The log line is read from the process's output as it comes, which can be a moment after the warning is stored.
        (await Eventually.Until(() => Task.FromResult(process.Output.Any(l => l.Contains("refused the recipient", StringComparison.Ordinal))), seen => seen))
            .ShouldBeTrue();
    }

    /// <summary>Puts <paramref name="person"/> in the municipality's gallery and makes them accountable for its first task, with <paramref name="deadline"/>.</summary>
    private static async Task<(string TaskId, string Title)> AssignAsync(FeeBridgeProcess process, string municipality, string person, DateOnly deadline)
    {
        using var leader = await StaffAsync(process, "projektleder-" + municipality);
        using var saved = await leader.PutAsJsonAsync($"/api/v1/rollout/municipalities/{municipality}/organisation", new
        {
            roles = new object[] { new { role = "projektleder", people = new[] { new { name = "Pia Påmindelse", email = person, primary = true } } } },
            competences = Array.Empty<object>(),
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var task = (await (await leader.GetAsync($"/api/v1/rollout/municipalities/{municipality}/tasks")).Array())[0]!;
        var taskId = (string)task["taskId"]!;
        using var patched = await leader.Patch($"/api/v1/rollout/municipalities/{municipality}/tasks/{taskId}",
            new { accountable = person, deadline = deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        return (taskId, (string)task["title"]!);
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
public sealed class SqliteReminderMailTests() : ReminderMailTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class PostgresReminderMailTests() : ReminderMailTests(StoreKind.Postgres);

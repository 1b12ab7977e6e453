using System.Text;
using FeeBridge.DebtorSystem.Authentication;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.Sandbox.DebtorSystem;

/// <summary>
/// Reports payments and hand-offs to FeeBridge as <c>DaekningAfskrivningRegistreringAfsend</c>, like a debtor system:
/// again and again until FeeBridge answers for each event (at least once). The faults switch can make it send events
/// twice (<see cref="Faults.DuplicateRate"/>) and out of order (<see cref="Faults.Reorder"/>). Idle while FeeBridge's
/// address is unknown (<see cref="FeeBridgeAddress"/>). Every delivery is signed (<see cref="ReportSignature"/>) with
/// the municipality's secret, <c>Sandbox:ReportSecrets:{kommunekode}</c> (base64), or the development secret, because
/// FeeBridge accepts reports only from an authenticated debtor system.
/// </summary>
public sealed class EventPusher(DebtorSandbox sandbox, FaultSwitch faults, FeeBridgeAddress feeBridge, IConfiguration configuration, ILogger<EventPusher> log,
    TimeProvider? clock = null) : BackgroundService
{
    // FeeBridge's clock when the sandbox runs inside it (tests may move it), the machine's on its own.
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Pause;
            if (feeBridge.Of("/sf1590/DaekningAfskrivningRegistrering") is { } endpoint && sandbox.Unreported(100) is { Count: > 0 } due)
            {
                try
                {
                    foreach (var group in due.GroupBy(d => d.Municipality))
                        sandbox.Reported(await SendAsync(http, endpoint, group.Key, group.Select(g => g.Event).ToList(), stoppingToken));
                    // More waiting: send on at once, as a debtor system working through a backlog would.
                    if (due.Count == 100) wait = TimeSpan.Zero;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ContractViolation or SoapFault && !stoppingToken.IsCancellationRequested)
                {
                    log.LogInformation("FeeBridge did not take the events ({Reason}); trying again.", e.Message);
                    wait = AfterFailure;
                }
            }
            await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<IEnumerable<Guid>> SendAsync(HttpClient http, Uri endpoint, Kommunekode municipality, List<Haendelse> events, CancellationToken ct)
    {
        var f = faults.Current;
        var sent = new List<Haendelse>(events);
        sent.AddRange(events.Where(_ => Random.Shared.NextDouble() < f.DuplicateRate));
        if (f.Reorder) Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sent));

        var payload = Encoding.UTF8.GetBytes(Soap.Envelope(EventXml.Write(new DaekningAfskrivningRegistrering(municipality, sent))).ToString());
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        content.Headers.Add(ReportSignature.Header, ReportSignature.Sign(Secret(municipality), municipality, _clock.GetUtcNow(), payload));
        content.Headers.Add("SOAPAction", $"\"{Sf1590.DaekningAfskrivningRegistreringAfsend}\"");
        using var response = await http.PostAsync(endpoint, content, ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var answer = EventXml.ReadResponse(Soap.Body(await SafeXml.LoadAsync(body, SafeXml.DefaultMaxBytes, ct)));
        // Only events FeeBridge answered for are done; the rest go again.
        return answer.Kvitteringer.Select(k => k.HaendelseId);
    }

    private byte[] Secret(Kommunekode municipality) =>
        configuration[$"Sandbox:ReportSecrets:{municipality.Value}"] is { Length: > 0 } configured
            ? ReportSignature.ReadSecret(configured, $"Sandbox:ReportSecrets:{municipality.Value}")
            : ReportSignature.DevelopmentSecret(municipality);
}

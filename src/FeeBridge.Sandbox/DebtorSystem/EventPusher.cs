using System.Text;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.Sandbox.DebtorSystem;

/// <summary>
/// Reports payments and hand-offs to FeeBridge as <c>DaekningAfskrivningRegistreringAfsend</c>, like a debtor system:
/// again and again until FeeBridge answers for each event (at least once). The faults switch can make it send events
/// twice (<see cref="Faults.DuplicateRate"/>) and out of order (<see cref="Faults.Reorder"/>). Idle while FeeBridge's
/// address is unknown (<see cref="FeeBridgeAddress"/>).
/// </summary>
public sealed class EventPusher(DebtorSandbox sandbox, FaultSwitch faults, FeeBridgeAddress feeBridge, ILogger<EventPusher> log) : BackgroundService
{
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

        using var content = new StringContent(Soap.Envelope(EventXml.Write(new DaekningAfskrivningRegistrering(municipality, sent))).ToString(), Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", $"\"{Sf1590.DaekningAfskrivningRegistreringAfsend}\"");
        using var response = await http.PostAsync(endpoint, content, ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var answer = EventXml.ReadResponse(Soap.Body(await SafeXml.LoadAsync(body, SafeXml.DefaultMaxBytes, ct)));
        // Only events FeeBridge answered for are done; the rest go again.
        return answer.Kvitteringer.Select(k => k.HaendelseId);
    }
}

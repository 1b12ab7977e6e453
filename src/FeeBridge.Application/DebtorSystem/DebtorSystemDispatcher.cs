using FeeBridge.DebtorSystem;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Mapping;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Outbox;
using FeeBridge.Application;
using FeeBridge.Application.Observability;
using FeeBridge.Application.Workers;

namespace FeeBridge.Application.DebtorSystem;

/// <summary>
/// Sends the outbox to the debtor systems: per municipality, leases due rows in order, ships them as one
/// <c>ForsendelseId</c>, and applies the receipts. Each municipality keeps up to four shipments in flight, and a new one
/// starts the moment one is done, so FeeBridge prepares the next while the debtor system works on the others. A lease
/// that comes back short has taken everything due, so the next lease for that municipality waits a moment (the
/// linger) and its shipment carries what arrived meanwhile, rather than one claim at a time. A
/// passing failure puts the rows back with exponential back-off and jitter; repeated failures open that municipality's
/// circuit for a while, so one dead debtor system never holds up the others.
/// </summary>
public sealed class DebtorSystemDispatcher(
    FeeBridgeStore store,
    DebtorSystemConnections connections,
    FeeBridgeOptions options,
    TimeProvider clock,
    FeeBridgeMetrics metrics,
    ILogger<DebtorSystemDispatcher> log) : LeasedWorker(log)
{
    public const string AnvenderSystemId = "FeeBridge";
    private const int ShipmentsInFlight = 4;
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(options.Dispatcher.LeaseSeconds);
    private readonly TimeSpan _idle = TimeSpan.FromMilliseconds(options.Dispatcher.PollMilliseconds);
    private readonly TimeSpan _linger = TimeSpan.FromMilliseconds(options.Dispatcher.LingerMilliseconds);
    private readonly Dictionary<string, DateTimeOffset> _nextLease = new();
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(options.Dispatcher.BackoffBaseMilliseconds), TimeSpan.FromSeconds(options.Dispatcher.MaxBackoffSeconds));
    private readonly string _owner = LeaseOwner.New();
    private readonly Dictionary<string, Circuit> _circuits = new();
    private readonly Dictionary<string, List<Task>> _inFlight = new();
    private IReadOnlyList<string> _withWork = [];
    private long? _lookedForWorkAt;

    protected override bool Enabled => options.Dispatcher.Enabled;

    protected override string FailureText => "Dispatching to the debtor systems failed; trying again shortly.";

    /// <summary>Starts what can start; the shipments run on while the loop idles, so a round never counts as work found.</summary>
    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        await StartShipmentsAsync(_inFlight, ct);
        return false;
    }

    /// <summary>
    /// Wakes when a shipment is done (its slot is free), when a lingering municipality may lease again, or after the
    /// pause (new rows, retries falling due).
    /// </summary>
    protected override async Task IdleAsync(CancellationToken ct)
    {
        await Task.WhenAny([.. _inFlight.Values.SelectMany(s => s), Task.Delay(Pause(), clock, ct)]);
        foreach (var shipments in _inFlight.Values) shipments.RemoveAll(t => t.IsCompleted);
    }

    protected override Task StoppedAsync() => Task.WhenAll(_inFlight.Values.SelectMany(s => s));

    /// <summary>Leases and starts shipments wherever a municipality has rows due and a free slot.</summary>
    private async Task StartShipmentsAsync(Dictionary<string, List<Task>> inFlight, CancellationToken ct)
    {
        // Which municipalities have work is asked about once per poll, not each time a shipment is done (hundreds of
        // times a second when busy): in between, those found last time and those with shipments out lease again (the
        // latter even when all their due rows were out when asked). Half the poll, so an idle dispatcher waking after
        // a full one always asks.
        if (_lookedForWorkAt is not { } lookedAt || clock.GetElapsedTime(lookedAt) >= _idle / 2)
        {
            _lookedForWorkAt = clock.GetTimestamp();
            _withWork = await store.Outbox.MunicipalitiesWithWorkAsync(clock.GetUtcNow(), ct);
        }
        foreach (var municipality in _withWork.Union(inFlight.Where(m => m.Value.Count > 0).Select(m => m.Key)).ToList())
        {
            var circuit = CircuitFor(municipality);
            if (!circuit.AllowsAt(clock.GetUtcNow())) continue;
            if (connections.For(municipality) is not { } connection) continue;
            if (!inFlight.TryGetValue(municipality, out var shipments)) inFlight[municipality] = shipments = [];
            while (shipments.Count < ShipmentsInFlight && clock.GetUtcNow() >= _nextLease.GetValueOrDefault(municipality))
            {
                var items = await store.Outbox.LeaseAsync(municipality, _owner, connection.BatchSize, clock.GetUtcNow(), _lease, ct);
                if (items.Count > 0) shipments.Add(ShipLoggingFailuresAsync(municipality, items, connection.Endpoint, connection.Client, circuit, ct));
                if (items.Count < connection.BatchSize)
                {
                    // Everything due is on its way: let the next shipment gather what arrives meanwhile.
                    if (items.Count > 0) _nextLease[municipality] = clock.GetUtcNow() + _linger;
                    break;
                }
            }
        }
    }

    /// <summary>Until the next poll, or sooner when a lingering municipality may lease again.</summary>
    private TimeSpan Pause()
    {
        var now = clock.GetUtcNow();
        var pause = _idle;
        foreach (var at in _nextLease.Values)
        {
            if (at > now && at - now < pause) pause = at - now;
        }
        return pause;
    }

    /// <summary>A shipment that fails for an unexpected reason keeps its lease, so its rows go out again when the lease runs out.</summary>
    private async Task ShipLoggingFailuresAsync(string municipality, IReadOnlyList<OutboxItem> items, Uri endpoint, Sf1590Client client, Circuit circuit, CancellationToken ct)
    {
        try
        {
            await ShipAsync(municipality, items, endpoint, client, circuit, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            log.LogError(e, "Shipment of {Count} handlings to municipality {Municipality} failed; it goes out again when its lease runs out.",
                items.Count, municipality);
        }
    }

    private async Task ShipAsync(string municipality, IReadOnlyList<OutboxItem> items, Uri endpoint, Sf1590Client client, Circuit circuit, CancellationToken ct)
    {
        var claims = await store.Claims.GetManyAsync(items.Select(i => i.Claim).Distinct().ToList(), ct);
        var handlings = items.Select(i => HandlingMapper.Map(
            claims.GetValueOrDefault(i.Claim) ?? throw new InvalidOperationException("Outbox row without its claim."),
            i.Kind, i.Seq, i.HandlingId)).ToList();
        var shipment = new DebitorRegistrering(Kommunekode.Parse(municipality), AnvenderSystemId, Guid.NewGuid(), handlings);

        using var span = FeeBridgeMetrics.Traces.StartActivity("debtor_system.ship");
        span?.SetTag("municipality", municipality);
        span?.SetTag("handlings", handlings.Count);
        DebitorRegistreringSvar answer;
        var started = clock.GetTimestamp();
        try
        {
            answer = await client.RegisterAsync(endpoint, shipment, ct);
            metrics.DebtorSystemCall(municipality, clock.GetElapsedTime(started), succeeded: true);
        }
        catch (TransientDebtorSystemFailure e)
        {
            metrics.DebtorSystemCall(municipality, clock.GetElapsedTime(started), succeeded: false);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "transient failure");
            if (circuit.Failed(clock.GetUtcNow()) is { } openUntil) await store.Circuits.OpenedAsync(municipality, clock.GetUtcNow(), openUntil, ct);
            var attempts = items.Max(i => i.Attempts) + 1;
            log.LogWarning("Shipment of {Count} handlings to municipality {Municipality} failed (attempt {Attempt}): {Reason}",
                items.Count, municipality, attempts, e.Message);
            await store.Outbox.RetryLaterAsync(items, _owner, clock.GetUtcNow() + _backoff.After(attempts), ct);
            return;
        }

        if (circuit.Succeeded()) await store.Circuits.ClosedAsync(municipality, ct);
        var receipts = answer.Kvitteringer.ToDictionary(k => k.HandlingId);
        var outcomes = items.Where(i => receipts.ContainsKey(i.HandlingId)).Select(i =>
        {
            var k = receipts[i.HandlingId];
            return new HandlingOutcome(i, k.Status == KvitteringStatus.Udfoert, k.DebitorsystemFordringId, k.Fejlkode, k.Fejltekst);
        }).ToList();
        await store.Outbox.ApplyReceiptsAsync(outcomes, claims, _owner, clock.GetUtcNow(), ct);

        // A handling the answer left out was not decided: send it again later.
        var unanswered = items.Where(i => !receipts.ContainsKey(i.HandlingId)).ToList();
        if (unanswered.Count > 0) await store.Outbox.RetryLaterAsync(unanswered, _owner, clock.GetUtcNow() + _backoff.After(1), ct);
    }

    private Circuit CircuitFor(string municipality)
    {
        lock (_circuits)
        {
            if (!_circuits.TryGetValue(municipality, out var c))
            {
                _circuits[municipality] = c = new Circuit(TimeSpan.FromSeconds(options.Dispatcher.CircuitRestSeconds));
                metrics.Circuit(municipality, () => !c.AllowsAt(clock.GetUtcNow()));
            }
            return c;
        }
    }
}

/// <summary>Exponential back-off with jitter: a crowd of retries spreads out instead of returning together.</summary>
public sealed class Backoff(TimeSpan first, TimeSpan max)
{
    public TimeSpan After(int attempts)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }
}

/// <summary>After five failures in a row a municipality's debtor system gets a rest before the next try.</summary>
public sealed class Circuit(TimeSpan rest)
{
    private const int Threshold = 5;
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _openUntil;

    public bool AllowsAt(DateTimeOffset now)
    {
        lock (_gate) return now >= _openUntil;
    }

    /// <summary>Counts a failure; gives the end of the rest when this one opened the circuit (or opened it again).</summary>
    public DateTimeOffset? Failed(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (++_failures < Threshold) return null;
            _openUntil = now + rest;
            return _openUntil;
        }
    }

    /// <summary>Closes the circuit; true when it had been open, so the change is worth telling.</summary>
    public bool Succeeded()
    {
        lock (_gate)
        {
            var wasOpen = _failures >= Threshold;
            _failures = 0;
            _openUntil = default;
            return wasOpen;
        }
    }
}

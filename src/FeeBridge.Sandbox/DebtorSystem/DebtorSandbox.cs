using System.Globalization;
using FeeBridge.DebtorSystem.Contract;

namespace FeeBridge.Sandbox.DebtorSystem;

/// <summary>A claim as the sandbox debtor system holds it. A record so <see cref="DebtorSandbox.Claims"/> can hand out copies.</summary>
public sealed record SandboxClaim
{
    public required string Kommunekode { get; init; }
    public required string FagsystemFordringId { get; init; }
    public required string DebitorsystemFordringId { get; init; }
    public required string Fordringsart { get; init; }
    public required string Debtor { get; init; }
    public required FiPaymentId BetalingsId { get; init; }
    public required string Kreditornummer { get; init; }
    public required DateOnly SidsteRettidigeBetalingsdato { get; init; }
    public required OpretDebitorkonto Registration { get; init; }
    public Dictionary<string, Money> Lines { get; init; } = [];
    public Money Hovedstol { get; init; }
    public Money Nedskrevet { get; set; }
    /// <summary>Principal, interest and fees as they stand; payments and the clock change it.</summary>
    public required Debt Debt { get; init; }
    /// <summary>Principal left (the contract's <c>Restsaldo</c>).</summary>
    public Money Restsaldo => Debt.Principal;
    public string Status { get; set; } = "Aaben";
    public string LiableParty { get; set; } = "";

    /// <summary>The liable party's CPR digits or CVR, for look-ups by person; never shown.</summary>
    internal string LiableKey { get; set; } = "";
    public int Registrations { get; set; } = 1;

    /// <summary>Reminders, interest, payments and hand-off, in the order they happened (to be reported back, issue #4).</summary>
    public List<DebtEvent> History { get; init; } = [];
}

/// <summary>
/// The sandbox's municipal debtor system, registration side: accounts and claims per municipality, idempotent per
/// <c>ForsendelseId</c> (the same shipment again gets the same answer) and per <c>HandlingId</c> (a handling is carried
/// out once, whichever shipment brings it), validation with rejection codes like a real one, and an FI +71 invoice
/// for each new claim. Kept in memory: a sandbox process starts empty.
/// </summary>
public sealed class DebtorSandbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Municipality> _municipalities = new();
    private readonly Dictionary<Guid, DebitorRegistreringSvar> _shipments = new();
    private readonly Dictionary<Guid, Kvittering> _handlings = new();
    private long _nextClaimNumber;
    private DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly List<(Kommunekode Municipality, Haendelse Event)> _toReport = [];
    private long _deliveries;
    private long _repeatedDeliveries;

    /// <summary>Handlings received, and how many of those had been received before (a resend).</summary>
    public (long Deliveries, long Repeated) DeliveryCounts
    {
        get { lock (_gate) return (_deliveries, _repeatedDeliveries); }
    }

    private sealed class Municipality(string code)
    {
        public Dictionary<string, SandboxClaim> Claims { get; } = new(StringComparer.Ordinal);
        public long NextPaymentId { get; set; } = 1;
        /// <summary>One creditor number per municipality: 8 digits starting with 8.</summary>
        public string Kreditornummer { get; } = "8" + code + "0001";
        public string Code { get; } = code;
    }

    public static readonly IReadOnlySet<string> Fordringsarter = new HashSet<string> { "BIBGEBYR", "BIBERSTATNING", "BIBERSTATNINGCIVIL" };

    public DebitorRegistreringSvar Process(DebitorRegistrering request)
    {
        lock (_gate)
        {
            if (_shipments.TryGetValue(request.ForsendelseId, out var earlier)) return earlier;
            var m = MunicipalityOf(request.MyndighedKode.Value);
            _deliveries += request.Handlinger.Count;
            var receipts = new List<Kvittering>(request.Handlinger.Count);
            foreach (var h in request.Handlinger)
            {
                // Recorded one by one, so a handling that comes twice - even inside one shipment - is carried out once.
                if (_handlings.TryGetValue(h.HandlingId, out var done)) _repeatedDeliveries++;
                else _handlings[h.HandlingId] = done = Carry(m, h);
                receipts.Add(done);
            }
            var answer = new DebitorRegistreringSvar(request.ForsendelseId, receipts);
            _shipments[request.ForsendelseId] = answer;
            return answer;
        }
    }

    /// <summary>The sandbox's own date; it moves only when told to (<see cref="AdvanceDays"/>).</summary>
    public DateOnly Today
    {
        get { lock (_gate) return _today; }
    }

    public DebtRules Rules { get; init; } = new();

    /// <summary>
    /// Lets days pass: open claims past their last on-time payment date get reminders and fees, monthly interest,
    /// and in the end go to collection. Returns the new date.
    /// </summary>
    public DateOnly AdvanceDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        lock (_gate)
        {
            for (var d = 0; d < days; d++)
            {
                _today = _today.AddDays(1);
                foreach (var claim in _municipalities.Values.SelectMany(m => m.Claims.Values).Where(c => c.Status == "Aaben"))
                {
                    foreach (var e in claim.Debt.AdvanceTo(_today, Rules))
                    {
                        claim.History.Add(e);
                        if (e is not DebtEvent.ToCollection handOff) continue;
                        claim.Status = "Inddrivelse";
                        Report(claim, HaendelseType.OversendtTilInddrivelse, handOff.Debt, null);
                    }
                }
            }
            return _today;
        }
    }

    /// <summary>
    /// A citizen pays, by the FI payment id on the invoice or by the claim's id: fees first, then interest, then
    /// principal; more than is owed is kept as a credit to pay back. Null when no open claim matches.
    /// </summary>
    public (SandboxClaim Claim, DebtEvent.Payment Payment)? Pay(Kommunekode kommunekode, string? betalingsId, string? fagsystemFordringId, Money amount, string method = "FIKort")
    {
        lock (_gate)
        {
            if (!_municipalities.TryGetValue(kommunekode.Value, out var m)) return null;
            var claim = fagsystemFordringId is not null
                ? m.Claims.GetValueOrDefault(fagsystemFordringId)
                : m.Claims.Values.FirstOrDefault(c => c.BetalingsId.Value == betalingsId);
            if (claim is null || claim.Status is "Annulleret") return null;
            var payment = claim.Debt.Pay(_today, amount);
            claim.History.Add(payment);
            // The library's claim is the principal: fees and interest are the debtor system's own. What covers the
            // principal is reported, and so is any over-payment (a credit FeeBridge shows as owed back).
            var onClaim = payment.Principal + payment.Credit;
            if (onClaim.IsPositive) Report(claim, HaendelseType.Daekning, onClaim, method);
            if (claim.Debt.Total.IsZero && claim.Status != "Inddrivelse") claim.Status = "Betalt";
            return (Snapshot(claim), payment);
        }
    }

    /// <summary>
    /// Copies of the municipality's claims, in registration order: callers read them outside the lock while
    /// shipments keep changing the originals. Asking creates nothing.
    /// </summary>
    public IReadOnlyList<SandboxClaim> Claims(Kommunekode kommunekode)
    {
        lock (_gate)
        {
            if (!_municipalities.TryGetValue(kommunekode.Value, out var m)) return [];
            return m.Claims.Values.OrderBy(c => c.DebitorsystemFordringId, StringComparer.Ordinal)
                .Select(Snapshot).ToList();
        }
    }

    /// <summary>
    /// The debtor system gives up on a claim (e.g. after collection failed): everything left is written off and
    /// reported as <c>Afskrivning</c>. Null when no open claim matches.
    /// </summary>
    public Money? WriteOff(Kommunekode kommunekode, string fagsystemFordringId)
    {
        lock (_gate)
        {
            if (!_municipalities.TryGetValue(kommunekode.Value, out var m) || m.Claims.GetValueOrDefault(fagsystemFordringId) is not { } claim
                || claim.Status is "Annulleret" or "Betalt" or "Afskrevet") return null;
            var principal = claim.Debt.Principal;
            var amount = claim.Debt.WriteOff();
            claim.Status = "Afskrevet";
            // Reported: the principal written off (the library's claim); the fees and interest went with it on this side.
            if (principal.IsPositive) Report(claim, HaendelseType.Afskrivning, principal, null);
            return amount;
        }
    }

    /// <summary>Events FeeBridge has not acknowledged yet, oldest first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<(Kommunekode Municipality, Haendelse Event)> Unreported(int max)
    {
        lock (_gate) return _toReport.Take(max).ToList();
    }

    /// <summary>FeeBridge answered for these (Modtaget, or Afvist — a business answer, not to be sent again).</summary>
    public void Reported(IEnumerable<Guid> haendelseIds)
    {
        var done = haendelseIds.ToHashSet();
        lock (_gate) _toReport.RemoveAll(r => done.Contains(r.Event.HaendelseId));
    }

    // Called under the lock: the event is queued for the pusher with the principal left after it.
    private void Report(SandboxClaim claim, HaendelseType type, Money amount, string? method) =>
        _toReport.Add((FeeBridge.Domain.Kommunekode.Parse(claim.Kommunekode), new Haendelse(Guid.NewGuid(), claim.FagsystemFordringId, null, type, amount, _today,
            method, claim.Debt.Principal)));

    private static SandboxClaim Snapshot(SandboxClaim c) =>
        c with { Lines = new(c.Lines, StringComparer.Ordinal), Debt = c.Debt.Copy(), History = [.. c.History] };

    private Municipality MunicipalityOf(string code)
    {
        if (!_municipalities.TryGetValue(code, out var m)) _municipalities[code] = m = new Municipality(code);
        return m;
    }

    private Kvittering Carry(Municipality m, Handling h) => h switch
    {
        OpretDebitorkonto o => Register(m, o),
        NedskrivFordring n => WithOpenClaim(m, n, n.FagsystemFordringId, c => WriteDown(c, n)),
        AnnullerFordring a => WithOpenClaim(m, a, a.FagsystemFordringId, c => { c.Status = "Annulleret"; return Done(a, c); }),
        SkiftJuridiskAnsvarlig s => WithOpenClaim(m, s, s.FagsystemFordringId, c =>
            IsImpossible(s.Debitor) ? Rejected(s, "UGYLDIGT_CPR", "Debitors CPR-nummer er ikke gyldigt.") : Reassign(c, s)),
        RetFordringTilstand t => WithOpenClaim(m, t, t.FagsystemFordringId, c => { c.Status = t.Tilstand == Tilstand.Berostillet ? "Berostillet" : "Aaben"; return Done(t, c); }),
        _ => Rejected(h, "UKENDT_HANDLING", "Handlingen kendes ikke."),
    };

    private Kvittering Register(Municipality m, OpretDebitorkonto o)
    {
        var f = o.Fordring;
        if (!Fordringsarter.Contains(f.Fordringsart)) return Rejected(o, "UKENDT_FORDRINGSART", "Fordringsarten kendes ikke.");
        if (IsImpossible(o.Debitor) || IsImpossible(f.JuridiskAnsvarlig)) return Rejected(o, "UGYLDIGT_CPR", "Debitors CPR-nummer er ikke gyldigt.");
        if (IsUnknownPerson(o.Debitor) || IsUnknownPerson(f.JuridiskAnsvarlig)) return Rejected(o, "UKENDT_PERSON", "Personen findes ikke i CPR.");
        if (f.Delfordringer.Any(d => !d.Beloeb.IsPositive)) return Rejected(o, "UGYLDIGT_BELOEB", "Beløbet skal være større end 0.");
        if (m.Claims.TryGetValue(f.FagsystemFordringId, out var existing))
        {
            if (existing.Status == "Annulleret") return Rejected(o, "FORDRING_ANNULLERET", "Fordringen er annulleret.");
            // The same claim again is the same claim; other content under the same id is an error.
            if (!SameContent(existing.Registration, o)) return Rejected(o, "FORDRING_FINDES", "Fordringen er allerede registreret med andet indhold.");
            // Counted, so a sender that registers one claim twice under new handling ids shows up in the sandbox's list.
            existing.Registrations++;
            return Done(o, existing);
        }
        var claim = new SandboxClaim
        {
            Kommunekode = m.Code,
            FagsystemFordringId = f.FagsystemFordringId,
            DebitorsystemFordringId = "DS-" + (++_nextClaimNumber).ToString("D8", CultureInfo.InvariantCulture),
            Fordringsart = f.Fordringsart,
            Debtor = Describe(o.Debitor),
            LiableParty = Describe(f.JuridiskAnsvarlig),
            LiableKey = Key(f.JuridiskAnsvarlig),
            BetalingsId = FiPaymentId.FromSequence(m.NextPaymentId++),
            Kreditornummer = m.Kreditornummer,
            SidsteRettidigeBetalingsdato = f.SidsteRettidigeBetalingsdato,
            Registration = o,
            Lines = f.Delfordringer.ToDictionary(d => d.DelfordringId, d => d.Beloeb, StringComparer.Ordinal),
            Hovedstol = f.Delfordringer.Aggregate(Money.Zero, (s, d) => s + d.Beloeb),
            Debt = new Debt(f.Delfordringer.Aggregate(Money.Zero, (s, d) => s + d.Beloeb), f.SidsteRettidigeBetalingsdato,
                civil: f.Fordringsart == "BIBERSTATNINGCIVIL"),
        };
        m.Claims[f.FagsystemFordringId] = claim;
        return Done(o, claim);
    }

    private static Kvittering WriteDown(SandboxClaim c, NedskrivFordring n)
    {
        if (!n.Beloeb.IsPositive) return Rejected(n, "UGYLDIGT_BELOEB", "Beløbet skal være større end 0.");
        if (n.DelfordringId is { } line && !c.Lines.ContainsKey(line)) return Rejected(n, "UKENDT_DELFORDRING", "Delfordringen kendes ikke.");
        var limit = n.DelfordringId is { } l ? Money.Min(c.Lines[l], c.Restsaldo) : c.Restsaldo;
        if (n.Beloeb > limit) return Rejected(n, "NEDSKRIVNING_OVER_SALDO", "Nedskrivningen er større end restsaldoen.");
        var left = n.Beloeb;
        foreach (var id in n.DelfordringId is { } only ? [only] : c.Lines.Keys.ToList())
        {
            var take = Money.Min(left, c.Lines[id]);
            c.Lines[id] -= take;
            left -= take;
        }
        c.Nedskrevet += n.Beloeb;
        c.Debt.WriteDown(n.Beloeb);
        return Done(n, c);
    }

    private static Kvittering Reassign(SandboxClaim c, SkiftJuridiskAnsvarlig s)
    {
        c.LiableParty = Describe(s.Debitor);
        c.LiableKey = Key(s.Debitor);
        return Done(s, c);
    }

    private static Kvittering WithOpenClaim(Municipality m, Handling h, string id, Func<SandboxClaim, Kvittering> act)
    {
        if (!m.Claims.TryGetValue(id, out var claim)) return Rejected(h, "UKENDT_FORDRING", "Fordringen kendes ikke.");
        if (claim.Status == "Annulleret") return Rejected(h, "FORDRING_ANNULLERET", "Fordringen er annulleret.");
        return act(claim);
    }

    // The contract reader keeps an impossible CPR as neither CPR nor CVR; judging it is this system's business rule.
    private static bool IsImpossible(Party p) => p.Cpr is null && p.Cvr is null;

    /// <summary>
    /// A real debtor system looks the person up in the CPR register; the sandbox's register lacks everyone whose
    /// number ends in 0000, so a rejection FeeBridge cannot foresee can be provoked on purpose.
    /// </summary>
    public static bool IsUnknownPerson(Party p) => p.Cpr is { } cpr && cpr.Digits.EndsWith("0000", StringComparison.Ordinal);

    private static string Key(Party p) => p.Cpr?.Digits ?? p.Cvr!.Value.Value;

    /// <summary>The contract's state of a claim on the sandbox's date (Overskredet is derived, not stored).</summary>
    public static string StatusOn(SandboxClaim c, DateOnly today) =>
        c.Status == "Aaben" && today > c.SidsteRettidigeBetalingsdato && c.Debt.Total.IsPositive ? "Overskredet" : c.Status;

    /// <summary>
    /// <c>DebitorForespoergsel</c>: the claims one person or organisation is liable for, or a page of all claims
    /// (ordered by the debtor system's id; the continuation token is the last id served).
    /// </summary>
    public DebitorForespoergselSvar Inquire(DebitorForespoergsel q)
    {
        lock (_gate)
        {
            if (!_municipalities.TryGetValue(q.MyndighedKode.Value, out var m)) return new([], null);
            var all = m.Claims.Values.OrderBy(c => c.DebitorsystemFordringId, StringComparer.Ordinal);
            if (q.Debitor is { } who)
                return new(all.Where(c => c.LiableKey == Key(who)).Select(Row).ToList(), null);

            var page = all.Where(c => q.Fortsaettelse is null || string.CompareOrdinal(c.DebitorsystemFordringId, q.Fortsaettelse) > 0)
                .Take(q.SideStoerrelse + 1).ToList();
            var more = page.Count > q.SideStoerrelse;
            if (more) page.RemoveAt(page.Count - 1);
            return new(page.Select(Row).ToList(), more ? page[^1].DebitorsystemFordringId : null);
        }

        ForespoergselFordring Row(SandboxClaim c) => new(c.FagsystemFordringId, c.DebitorsystemFordringId, c.Hovedstol, c.Restsaldo,
            c.Debt.Interest, c.Debt.Fees, c.SidsteRettidigeBetalingsdato, StatusOn(c, _today), c.BetalingsId, c.Kreditornummer);
    }

    private static string Describe(Party p) => p.Cpr is { } cpr ? cpr.Masked : "CVR " + p.Cvr!.Value.Value;

    private static bool SameContent(OpretDebitorkonto a, OpretDebitorkonto b) =>
        a.Debitor == b.Debitor && a.Fordring with { Delfordringer = [] } == b.Fordring with { Delfordringer = [] }
        && a.Fordring.Delfordringer.SequenceEqual(b.Fordring.Delfordringer);

    private static Kvittering Done(Handling h, SandboxClaim c) => new(h.HandlingId, KvitteringStatus.Udfoert, c.DebitorsystemFordringId, null, null);

    private static Kvittering Rejected(Handling h, string code, string text) => new(h.HandlingId, KvitteringStatus.Afvist, null, code, text);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Security;

namespace FeeBridge.Persistence.Claims;

/// <summary>
/// Turns headers and events into rows and back. CPR numbers never enter JSON: they go to encrypted columns
/// (header) or are encrypted inside the event data (debtor changes).
/// </summary>
public sealed class ClaimCodec(CprProtector protector)
{
    public CprProtector Protector { get; } = protector;

    /// <summary>The header as JSON without CPR numbers (they are stored encrypted beside it).</summary>
    public string HeaderJson(ClaimHeader h)
    {
        var lines = new JsonArray();
        foreach (var l in h.Lines)
        {
            lines.Add(new JsonObject
            {
                ["lineId"] = l.LineId,
                ["amount"] = l.Amount.Ore,
                ["text"] = l.Text,
                ["materialItemNumber"] = l.MaterialItemNumber,
                ["recordId"] = l.RecordId,
            });
        }
        return new JsonObject
        {
            ["municipality"] = h.Municipality.Value,
            ["patronId"] = h.PatronId,
            ["cvr"] = h.Debtor.Cvr?.Value,
            ["debtorName"] = h.DebtorName,
            ["kind"] = ClaimNames.Of(h.Kind),
            ["acknowledged"] = h.Acknowledged,
            ["reason"] = h.Reason,
            ["createdAt"] = h.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["dueDate"] = h.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["lines"] = lines,
        }.ToJsonString();
    }

    /// <summary>
    /// A keyed hash of everything the library sent, CPR numbers included, so "the same body again" can be told
    /// from "a different body" without keeping the plain numbers.
    /// </summary>
    public byte[] ContentHash(ClaimHeader h, string headerJson) =>
        Protector.KeyedHash(System.Text.Encoding.UTF8.GetBytes(
            $"{h.AgencyId}|{h.ClaimId}|{h.Debtor.Cpr?.Digits}|{h.Guardian?.Digits}|{headerJson}"));

    public ClaimHeader ReadHeader(string agencyId, string claimId, string json, byte[]? debtorCpr, byte[]? guardianCpr)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        var debtor = debtorCpr is not null
            ? DebtorId.Person(Protector.Decrypt(debtorCpr))
            : DebtorId.Organisation(Cvr.Parse((string)o["cvr"]!));
        var lines = o["lines"]!.AsArray().Select(n => new ClaimLine(
            (string)n!["lineId"]!,
            Money.FromOre((long)n["amount"]!),
            (string?)n["text"],
            (string?)n["materialItemNumber"],
            (string?)n["recordId"])).ToList();
        ClaimNames.TryParseKind((string?)o["kind"], out var kind);
        var due = (string?)o["dueDate"];
        return new ClaimHeader(
            AgencyId.Parse(agencyId),
            claimId,
            Kommunekode.Parse((string)o["municipality"]!),
            (string)o["patronId"]!,
            debtor,
            (string?)o["debtorName"],
            guardianCpr is null ? null : Protector.Decrypt(guardianCpr),
            kind,
            (bool)o["acknowledged"]!,
            (string?)o["reason"],
            DateTimeOffset.Parse((string)o["createdAt"]!, CultureInfo.InvariantCulture),
            due is null ? null : DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            lines);
    }

    /// <summary>The event's own fields as JSON (amount and type have columns of their own).</summary>
    public string EventData(ClaimEvent e)
    {
        var o = new JsonObject();
        switch (e)
        {
            case ClaimHeld h: o["reason"] = ClaimNames.Of(h.Reason); break;
            case ClaimQueued q:
                o["claimType"] = q.ClaimType.ToString();
                o["dueDate"] = Date(q.DueDate);
                o["lastOnTimePaymentDate"] = Date(q.LastOnTimePaymentDate);
                break;
            case ClaimWrittenDown w:
                o["writeDownId"] = w.WriteDownId;
                o["reason"] = ClaimNames.Of(w.Reason);
                o["lineId"] = w.LineId;
                break;
            case ClaimCancelled c: o["reason"] = c.Reason; break;
            case ClaimRegistered r: o["debtorSystemClaimId"] = r.DebtorSystemClaimId; break;
            case ClaimRejected r:
                o["code"] = r.Code;
                o["text"] = r.Text;
                break;
            case DebtorSystemReported r:
                o["haendelseId"] = r.HaendelseId.ToString("D");
                o["valueDate"] = Date(r.ValueDate);
                o["method"] = r.PaymentMethod;
                o["restsaldo"] = r.Restsaldo.Ore;
                break;
            case DebtorChanged d:
                if (d.NewDebtor.Cpr is { } cpr) o["cpr"] = Convert.ToBase64String(Protector.Encrypt(cpr));
                else o["cvr"] = d.NewDebtor.Cvr!.Value.Value;
                break;
        }
        return o.ToJsonString();
    }

    public ClaimEvent ReadEvent(int seq, long atMicros, string type, long? amountOre, string data)
    {
        var o = JsonNode.Parse(data)!.AsObject();
        ClaimEvent e = type switch
        {
            "received" => new ClaimReceived(Money.FromOre(amountOre!.Value)),
            "held" => new ClaimHeld(ClaimNames.ParseHoldReason((string)o["reason"]!)),
            "queued" => new ClaimQueued(
                Enum.Parse<DebtorClaimType>((string)o["claimType"]!),
                ParseDate((string)o["dueDate"]!),
                ParseDate((string)o["lastOnTimePaymentDate"]!)),
            "written-down" => new ClaimWrittenDown(
                (string)o["writeDownId"]!,
                Money.FromOre(amountOre!.Value),
                ParseWriteDownReason((string?)o["reason"]),
                (string?)o["lineId"]),
            "cancelled" => new ClaimCancelled((string)o["reason"]!),
            "debtor-changed" => new DebtorChanged(o["cpr"] is { } cpr
                ? DebtorId.Person(Protector.Decrypt(Convert.FromBase64String((string)cpr!)))
                : DebtorId.Organisation(Cvr.Parse((string)o["cvr"]!))),
            "registered" => new ClaimRegistered((string)o["debtorSystemClaimId"]!),
            "rejected" => new ClaimRejected((string)o["code"]!, (string)o["text"]!),
            _ when DebtorEvents.TryParseWireName(type, out var kind) => new DebtorSystemReported(
                Guid.Parse((string)o["haendelseId"]!), kind, Money.FromOre(amountOre!.Value), ParseDate((string)o["valueDate"]!),
                (string?)o["method"], Money.FromOre((long)o["restsaldo"]!)),
            _ => throw new InvalidDataException($"Unknown claim event type '{type}'."),
        };
        return e with { Seq = seq, At = FromMicros(atMicros) };
    }

    /// <summary>The keyed hash of a debtor: CPR through the keyed hash, CVR likewise (one column for both).</summary>
    public byte[] LiableHash(DebtorId party) => party.Cpr is { } cpr
        ? Protector.LookupHash(cpr)
        : Protector.KeyedHash(System.Text.Encoding.ASCII.GetBytes("cvr:" + party.Cvr!.Value.Value));

    public static long ToMicros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static DateOnly ParseDate(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static WriteDownReason ParseWriteDownReason(string? s)
    {
        ClaimNames.TryParseWriteDownReason(s, out var r);
        return r;
    }
}

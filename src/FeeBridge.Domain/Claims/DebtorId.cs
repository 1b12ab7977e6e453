namespace FeeBridge.Domain.Claims;

/// <summary>Who a debtor account belongs to: a person (CPR) or an organisation (CVR). Exactly one is set.</summary>
public readonly struct DebtorId : IEquatable<DebtorId>
{
    private DebtorId(Cpr? cpr, Cvr? cvr) { Cpr = cpr; Cvr = cvr; }

    public Cpr? Cpr { get; }
    public Cvr? Cvr { get; }
    public bool IsPerson => Cpr.HasValue;

    public static DebtorId Person(Cpr cpr) => new(cpr, null);
    public static DebtorId Organisation(Cvr cvr) => new(null, cvr);

    public bool Equals(DebtorId other) => Nullable.Equals(Cpr, other.Cpr) && Nullable.Equals(Cvr, other.Cvr);
    public override bool Equals(object? obj) => obj is DebtorId d && Equals(d);
    public override int GetHashCode() => HashCode.Combine(Cpr, Cvr);
    public static bool operator ==(DebtorId a, DebtorId b) => a.Equals(b);
    public static bool operator !=(DebtorId a, DebtorId b) => !a.Equals(b);

    /// <summary>Masked for a person, so printing a debtor never leaks a CPR number.</summary>
    public override string ToString() => Cpr is { } c ? $"CPR {c.Masked}" : $"CVR {Cvr!.Value.Value}";
}

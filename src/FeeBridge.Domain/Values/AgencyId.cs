namespace FeeBridge.Domain;

/// <summary>A library agency's 6-digit FBS id (710100 Københavns Biblioteker).</summary>
public readonly struct AgencyId : IEquatable<AgencyId>
{
    private AgencyId(string value) => Value = value;

    /// <summary>The 6 digits.</summary>
    public string Value { get; }

    /// <summary>Accepts exactly 6 ASCII digits.</summary>
    public static bool TryParse(string? text, out AgencyId id, out string? error)
    {
        id = default;
        if (!Digits.Exactly(text, 6))
        {
            error = "Must be an agency id of 6 digits.";
            return false;
        }
        id = new AgencyId(text!);
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> with the same message.</summary>
    public static AgencyId Parse(string text) =>
        TryParse(text, out var c, out var error) ? c : throw new FormatException(error);

    public bool Equals(AgencyId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is AgencyId c && Equals(c);
    public override int GetHashCode() => Value?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(AgencyId a, AgencyId b) => a.Equals(b);
    public static bool operator !=(AgencyId a, AgencyId b) => !a.Equals(b);

    /// <summary>The 6 digits.</summary>
    public override string ToString() => Value ?? "";
}

namespace FeeBridge.Domain;

/// <summary>A municipality's 3-digit code, 101–999 (101 København, 751 Aarhus).</summary>
public readonly struct Kommunekode : IEquatable<Kommunekode>
{
    private Kommunekode(string value) => Value = value;

    /// <summary>The 3 digits, leading digit never 0.</summary>
    public string Value { get; }

    /// <summary>Accepts exactly 3 digits from 101 to 999; "0101" or "101 " are not the same code.</summary>
    public static bool TryParse(string? text, out Kommunekode code, out string? error)
    {
        code = default;
        if (!Digits.Exactly(text, 3) || Digits.Number(text!, 0, 3) < 101)
        {
            error = "Must be a kommunekode of 3 digits (101-999).";
            return false;
        }
        code = new Kommunekode(text!);
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> with the same message.</summary>
    public static Kommunekode Parse(string text) =>
        TryParse(text, out var c, out var error) ? c : throw new FormatException(error);

    public bool Equals(Kommunekode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is Kommunekode c && Equals(c);
    public override int GetHashCode() => Value?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(Kommunekode a, Kommunekode b) => a.Equals(b);
    public static bool operator !=(Kommunekode a, Kommunekode b) => !a.Equals(b);

    /// <summary>The 3 digits.</summary>
    public override string ToString() => Value ?? "";
}

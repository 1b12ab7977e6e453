namespace FeeBridge.Domain;

/// <summary>A Danish business registration number (CVR): 8 digits, not starting with 0, passing modulus 11.</summary>
public readonly struct Cvr : IEquatable<Cvr>
{
    private static readonly int[] Weights = [2, 7, 6, 5, 4, 3, 2, 1];

    private Cvr(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out Cvr cvr, out string? error)
    {
        cvr = default;
        if (!Digits.Exactly(text, 8) || text![0] == '0')
        {
            error = "Must be a CVR number of 8 digits.";
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += Weights[i] * Digits.At(text, i);
        if (sum % 11 != 0)
        {
            error = "Not a valid CVR number (check digit).";
            return false;
        }
        cvr = new Cvr(text);
        error = null;
        return true;
    }

    public static Cvr Parse(string text) =>
        TryParse(text, out var c, out var error) ? c : throw new FormatException(error);

    public bool Equals(Cvr other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is Cvr c && Equals(c);
    public override int GetHashCode() => Value?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(Cvr a, Cvr b) => a.Equals(b);
    public static bool operator !=(Cvr a, Cvr b) => !a.Equals(b);
    public override string ToString() => Value ?? "";
}

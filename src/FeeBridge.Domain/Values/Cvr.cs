namespace FeeBridge.Domain;

/// <summary>A Danish business registration number (CVR): 8 digits, not starting with 0, passing modulus 11.</summary>
public readonly struct Cvr : IEquatable<Cvr>
{
    // Weighted sum of the digits must be divisible by 11 (Erhvervsstyrelsen's modulus-11 rule for CVR).
    private static ReadOnlySpan<byte> Weights => [2, 7, 6, 5, 4, 3, 2, 1];

    private Cvr(string value) => Value = value;

    /// <summary>The 8 digits.</summary>
    public string Value { get; }

    /// <summary>
    /// Accepts 8 digits, the first not 0, whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11. On failure
    /// <paramref name="error"/> is a short message without the input.
    /// </summary>
    public static bool TryParse(string? text, out Cvr cvr, out string? error)
    {
        cvr = default;
        if (!Digits.Exactly(text, 8) || text![0] == '0')
        {
            error = "Must be a CVR number of 8 digits, not starting with 0.";
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += Weights[i] * Digits.At(text, i);
        if (sum % 11 != 0)
        {
            error = "Not a valid CVR number (modulus-11 check failed).";
            return false;
        }
        cvr = new Cvr(text);
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> with the same message.</summary>
    public static Cvr Parse(string text) =>
        TryParse(text, out var c, out var error) ? c : throw new FormatException(error);

    public bool Equals(Cvr other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is Cvr c && Equals(c);
    public override int GetHashCode() => Value?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(Cvr a, Cvr b) => a.Equals(b);
    public static bool operator !=(Cvr a, Cvr b) => !a.Equals(b);

    /// <summary>The 8 digits (a CVR number is public, so nothing is masked).</summary>
    public override string ToString() => Value ?? "";
}

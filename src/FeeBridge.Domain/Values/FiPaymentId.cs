using System.Globalization;

namespace FeeBridge.Domain;

/// <summary>
/// The payment id of an FI-kort +71 slip: 15 digits, the last a modulus-10 (Luhn) check digit over the first 14.
/// Published examples: id 1 → 000000000000018, id 2 → 000000000000026.
/// </summary>
public readonly struct FiPaymentId : IEquatable<FiPaymentId>
{
    private FiPaymentId(string value) => Value = value;

    /// <summary>The 15 digits, check digit last.</summary>
    public string Value { get; }

    /// <summary>
    /// The payment id for a sequence number (1 ≤ id &lt; 10^14): the id zero-padded to 14 digits plus its Luhn digit.
    /// Throws <see cref="ArgumentOutOfRangeException"/> outside that range rather than truncate.
    /// </summary>
    public static FiPaymentId FromSequence(long id)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, 100_000_000_000_000L);
        var body = id.ToString("D14", CultureInfo.InvariantCulture);
        return new FiPaymentId(body + LuhnDigit(body));
    }

    /// <summary>Accepts exactly 15 ASCII digits whose last is the Luhn check digit of the first 14.</summary>
    public static bool TryParse(string? text, out FiPaymentId id, out string? error)
    {
        id = default;
        if (!Digits.Exactly(text, 15))
        {
            error = "Must be an FI payment id of 15 digits.";
            return false;
        }
        if (LuhnDigit(text![..14]) != text[14])
        {
            error = "The FI payment id's check digit is wrong.";
            return false;
        }
        id = new FiPaymentId(text);
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> with the same message.</summary>
    public static FiPaymentId Parse(string text) =>
        TryParse(text, out var c, out var error) ? c : throw new FormatException(error);

    /// <summary>Creditor numbers of FI-kort 71 are 8 digits starting with 8.</summary>
    public static bool IsValidCreditorNumber(string? s) => Digits.Exactly(s, 8) && s![0] == '8';

    /// <summary>
    /// The whole payment line, e.g. <c>+71&lt;000000000000018+81234567&lt;</c>. Throws <see cref="ArgumentException"/>
    /// when <paramref name="creditorNumber"/> is not 8 digits starting with 8.
    /// </summary>
    public string ToPaymentLine(string creditorNumber)
    {
        if (!IsValidCreditorNumber(creditorNumber)) throw new ArgumentException("A creditor number is 8 digits starting with 8.", nameof(creditorNumber));
        return $"+71<{Value}+{creditorNumber}<";
    }

    /// <summary>Luhn: from the right, double every second digit starting with the rightmost of the body.</summary>
    private static char LuhnDigit(string body)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var d = Digits.At(body, i);
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    public bool Equals(FiPaymentId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is FiPaymentId c && Equals(c);
    public override int GetHashCode() => Value?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(FiPaymentId a, FiPaymentId b) => a.Equals(b);
    public static bool operator !=(FiPaymentId a, FiPaymentId b) => !a.Equals(b);
    /// <summary>The 15 digits.</summary>
    public override string ToString() => Value ?? "";
}

using System.Globalization;

namespace FeeBridge.Domain;

/// <summary>
/// An amount in Danish kroner, held as whole øre. On the wire it is a decimal string with two decimals ("120.00");
/// never a binary floating-point number, so no amount is ever rounded. The default value is <see cref="Zero"/>.
/// </summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    // Twelve integer digits (just under a trillion kroner) keeps every parsed amount far inside a long, so parsing
    // itself can never overflow; only arithmetic can, and that is checked.
    private const int MaxWholeDigits = 12;
    private const string FormatError = "Must be an amount in kroner: digits, optionally '.' and one or two decimals, e.g. \"120.00\".";
    private const string DecimalsError = "Must have at most two decimals (whole øre).";

    private Money(long ore) => Ore = ore;

    /// <summary>The amount in øre (1 krone = 100 øre).</summary>
    public long Ore { get; }

    /// <summary>
    /// The one upper bound for amounts FeeBridge accepts, anywhere: a claim (its lines together), a line, a write-down,
    /// a debtor-system report, a sandbox fee or payment. 1,000,000.00 kr is far above any library claim and a million
    /// times below what <see cref="TryParse"/> reads (twelve integer digits), so every sum FeeBridge forms of accepted
    /// amounts — a debtor's balance over many claims, with interest and fees — can be written and read back by every
    /// part (issue 14: a claim of 999,999,999,999.99 kr was accepted and its debtor's balance could never be read).
    /// </summary>
    public static readonly Money MaxClaimAmount = new(1_000_000_00);

    /// <summary>The message for an amount above <see cref="MaxClaimAmount"/>; never repeats the amount itself.</summary>
    public static readonly string AboveMaxError = $"Must be at most {MaxClaimAmount} (the largest amount FeeBridge accepts).";

    /// <summary>True when the amount's size is at most <see cref="MaxClaimAmount"/>.</summary>
    public bool IsWithinMax => Ore >= -MaxClaimAmount.Ore && Ore <= MaxClaimAmount.Ore;

    /// <summary>
    /// <see cref="TryParse"/> for an amount FeeBridge is to accept: also refuses one above <see cref="MaxClaimAmount"/>.
    /// Every reader of an incoming amount uses this (Claims API, sandbox); the debtor system's reports are held to
    /// the same bound when they are received.
    /// </summary>
    public static bool TryParseAccepted(string? text, out Money money, out string? error)
    {
        if (!TryParse(text, out money, out error)) return false;
        if (money.IsWithinMax) return true;
        money = default;
        error = AboveMaxError;
        return false;
    }

    /// <summary>No money: 0.00 kr.</summary>
    public static Money Zero => default;

    /// <summary>True when the amount is more than zero.</summary>
    public bool IsPositive => Ore > 0;

    /// <summary>True when the amount is exactly zero.</summary>
    public bool IsZero => Ore == 0;

    /// <summary>True when the amount is less than zero.</summary>
    public bool IsNegative => Ore < 0;

    /// <summary>The amount of <paramref name="ore"/> øre; any long is a valid amount.</summary>
    public static Money FromOre(long ore) => new(ore);

    /// <summary>
    /// Parses kroner: optional '-', 1–12 digits, optionally '.' and one or two decimals ("120", "120.5", "120.50").
    /// No exponent, comma, '+' or whitespace. On failure <paramref name="error"/> is a short message that never
    /// repeats the input (it may be a CPR number typed into the wrong field).
    /// </summary>
    public static bool TryParse(string? text, out Money money, out string? error)
    {
        money = default;
        error = FormatError;
        if (string.IsNullOrEmpty(text)) return false;
        var s = text.AsSpan();
        var negative = s[0] == '-';
        if (negative) s = s[1..];
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : s[(dot + 1)..];
        if (whole.Length is 0 or > MaxWholeDigits || !AllAsciiDigits(whole)) return false;
        if (dot >= 0)
        {
            if (fraction.Length == 0 || !AllAsciiDigits(fraction)) return false;
            if (fraction.Length > 2)
            {
                error = DecimalsError;
                return false;
            }
        }
        var ore = Number(whole) * 100 + (fraction.Length == 1 ? Number(fraction) * 10 : Number(fraction));
        money = new Money(negative ? -ore : ore);
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> with the same message.</summary>
    public static Money Parse(string text) =>
        TryParse(text, out var m, out var error) ? m : throw new FormatException(error);

    /// <summary>Kroner with exactly two decimals and '.', culture-independent: "120.00", "0.05", "-1.50".</summary>
    public override string ToString()
    {
        // The magnitude as ulong, so even long.MinValue øre prints without overflowing.
        var magnitude = Ore < 0 ? unchecked(0UL - (ulong)Ore) : (ulong)Ore;
        return string.Create(CultureInfo.InvariantCulture, $"{(Ore < 0 ? "-" : "")}{magnitude / 100}.{magnitude % 100:D2}");
    }

    /// <summary>The smaller of two amounts.</summary>
    public static Money Min(Money a, Money b) => a.Ore <= b.Ore ? a : b;

    /// <summary>The larger of two amounts.</summary>
    public static Money Max(Money a, Money b) => a.Ore >= b.Ore ? a : b;

    /// <summary>The sum; throws <see cref="OverflowException"/> rather than wrap around.</summary>
    public static Money operator +(Money a, Money b) => new(checked(a.Ore + b.Ore));

    /// <summary>The difference; throws <see cref="OverflowException"/> rather than wrap around.</summary>
    public static Money operator -(Money a, Money b) => new(checked(a.Ore - b.Ore));

    /// <summary>The negated amount; throws <see cref="OverflowException"/> for the one amount that has none.</summary>
    public static Money operator -(Money a) => new(checked(-a.Ore));

    public static bool operator <(Money a, Money b) => a.Ore < b.Ore;
    public static bool operator >(Money a, Money b) => a.Ore > b.Ore;
    public static bool operator <=(Money a, Money b) => a.Ore <= b.Ore;
    public static bool operator >=(Money a, Money b) => a.Ore >= b.Ore;
    public static bool operator ==(Money a, Money b) => a.Ore == b.Ore;
    public static bool operator !=(Money a, Money b) => a.Ore != b.Ore;

    public bool Equals(Money other) => Ore == other.Ore;
    public override bool Equals(object? obj) => obj is Money m && Equals(m);
    public override int GetHashCode() => Ore.GetHashCode();

    /// <summary>Orders by amount.</summary>
    public int CompareTo(Money other) => Ore.CompareTo(other.Ore);

    // char.IsDigit would let Arabic-Indic and other Unicode digits through; only '0'–'9' are kroner.
    private static bool AllAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    private static long Number(ReadOnlySpan<char> digits)
    {
        long n = 0;
        foreach (var c in digits) n = n * 10 + (c - '0');
        return n;
    }
}

using System.Globalization;

namespace FeeBridge.Domain;

/// <summary>
/// An amount in Danish kroner, held as whole øre. On the wire it is a decimal string with two decimals ("120.00");
/// never a binary floating-point number, so no amount is ever rounded.
/// </summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    private Money(long ore) => Ore = ore;

    /// <summary>The amount in øre (1 krone = 100 øre).</summary>
    public long Ore { get; }

    public static Money Zero => default;

    public bool IsPositive => Ore > 0;
    public bool IsZero => Ore == 0;

    public static Money FromOre(long ore) => new(ore);

    /// <summary>
    /// Parses kroner: optional '-', 1–12 digits, optionally '.' and one or two decimals. No exponent, comma, '+' or
    /// whitespace. The error never repeats the input.
    /// </summary>
    public static bool TryParse(string? text, out Money money, out string? error)
    {
        money = default;
        error = "Must be an amount in kroner with at most two decimals, e.g. \"120.00\".";
        if (string.IsNullOrEmpty(text)) return false;
        var s = text.AsSpan();
        var negative = s[0] == '-';
        if (negative) s = s[1..];
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : s[(dot + 1)..];
        if (whole.Length is 0 or > 12 || !AllDigits(whole)) return false;
        if (dot >= 0)
        {
            if (fraction.Length == 0 || !AllDigits(fraction)) return false;
            if (fraction.Length > 2) { error = "Must have at most two decimals (whole øre)."; return false; }
        }
        var ore = long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) * 100;
        if (fraction.Length > 0) ore += int.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture) * (fraction.Length == 1 ? 10 : 1);
        money = new Money(negative ? -ore : ore);
        error = null;
        return true;
    }

    public static Money Parse(string text) =>
        TryParse(text, out var m, out var error) ? m : throw new FormatException(error);

    /// <summary>Kroner with exactly two decimals and '.', e.g. "120.00", "-1.50".</summary>
    public override string ToString()
    {
        var abs = Math.Abs((decimal)Ore);
        var text = (abs / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        return Ore < 0 ? "-" + text : text;
    }

    public static Money Min(Money a, Money b) => a.Ore <= b.Ore ? a : b;
    public static Money Max(Money a, Money b) => a.Ore >= b.Ore ? a : b;

    public static Money operator +(Money a, Money b) => new(checked(a.Ore + b.Ore));
    public static Money operator -(Money a, Money b) => new(checked(a.Ore - b.Ore));
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
    public int CompareTo(Money other) => Ore.CompareTo(other.Ore);

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }
}

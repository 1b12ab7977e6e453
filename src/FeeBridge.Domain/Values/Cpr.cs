namespace FeeBridge.Domain;

/// <summary>
/// A Danish personal identification number (CPR), DDMMYYSSSS. The date part is validated, with the century given
/// by the 7th digit; the modulus-11 check is deliberately not applied (numbers without it are issued since 2007).
/// Printing a <see cref="Cpr"/> shows it masked, so the full number reaches no log by accident.
/// </summary>
public readonly struct Cpr : IEquatable<Cpr>
{
    private const string FormatError = "Must be a CPR number of 10 digits (DDMMYYSSSS, a dash after the date is allowed).";
    private const string DateError = "The date part of the CPR number is not a real date.";

    private readonly string? _digits;

    private Cpr(string digits, DateOnly birthDate)
    {
        _digits = digits;
        BirthDate = birthDate;
    }

    /// <summary>The ten digits without a dash: the only way to the full number. Throws on a default <see cref="Cpr"/>.</summary>
    public string Digits => _digits ?? throw new InvalidOperationException("A default Cpr has no number.");

    /// <summary>The birth date in the first six digits, in the century the 7th digit gives.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>"DDMMYY-****": the birth date shows, the serial part never does.</summary>
    public string Masked => Digits[..6] + "-****";

    /// <summary>
    /// Accepts "DDMMYYSSSS" or "DDMMYY-SSSS" whose date exists in the century of the 7th digit. On failure
    /// <paramref name="error"/> is a short message that never contains the input.
    /// </summary>
    public static bool TryParse(string? text, out Cpr cpr, out string? error)
    {
        cpr = default;
        var digits = text is { Length: 11 } && text[6] == '-' ? text.Remove(6, 1) : text;
        if (!Domain.Digits.Exactly(digits, 10))
        {
            error = FormatError;
            return false;
        }
        var day = Domain.Digits.Number(digits!, 0, 2);
        var month = Domain.Digits.Number(digits!, 2, 2);
        var yy = Domain.Digits.Number(digits!, 4, 2);
        var year = Century(Domain.Digits.At(digits!, 6), yy) + yy;
        // DaysInMonth knows the leap years, so 29 February passes only in one.
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = DateError;
            return false;
        }
        cpr = new Cpr(digits!, new DateOnly(year, month, day));
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> with the same message.</summary>
    public static Cpr Parse(string text) =>
        TryParse(text, out var c, out var error) ? c : throw new FormatException(error);

    /// <summary>The century rule of the 7th digit (CPR-kontoret).</summary>
    private static int Century(int seventh, int yy) => seventh switch
    {
        <= 3 => 1900,
        4 or 9 => yy <= 36 ? 2000 : 1900,
        _ => yy <= 57 ? 2000 : 1800,
    };

    public bool Equals(Cpr other) => string.Equals(_digits, other._digits, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is Cpr c && Equals(c);
    public override int GetHashCode() => _digits?.GetHashCode(StringComparison.Ordinal) ?? 0;
    public static bool operator ==(Cpr a, Cpr b) => a.Equals(b);
    public static bool operator !=(Cpr a, Cpr b) => !a.Equals(b);

    /// <summary>The masked form ("DDMMYY-****"), never the full number, so a stray log line leaks nothing.</summary>
    public override string ToString() => _digits is null ? "" : Masked;
}

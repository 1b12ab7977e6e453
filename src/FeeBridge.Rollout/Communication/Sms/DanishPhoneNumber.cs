namespace FeeBridge.Rollout.Communication.Sms;

/// <summary>
/// A Danish phone number an SMS can go to, as <c>+45</c> and eight digits. Accepted as typed: spaces, dashes and dots
/// between digits, with or without <c>+45</c> / <c>0045</c>. Danish subscriber numbers have eight digits and never
/// start with 0 or 1 (the national numbering plan keeps those for prefixes and short numbers), so anything else is
/// refused rather than sent to the wrong person.
/// </summary>
public readonly record struct DanishPhoneNumber
{
    private DanishPhoneNumber(string digits) => Digits = digits;

    /// <summary>The eight digits.</summary>
    public string Digits { get; }

    /// <summary>E.164, e.g. <c>+4520123456</c>.</summary>
    public string E164 => "+45" + Digits;

    public override string ToString() => E164;

    public static bool TryParse(string? text, out DanishPhoneNumber number, out string? error)
    {
        number = default;
        var compact = new string((text ?? "").Where(c => c is not (' ' or '-' or '.' or '\u00A0')).ToArray());
        if (compact.StartsWith("+45", StringComparison.Ordinal)) compact = compact[3..];
        else if (compact.StartsWith("0045", StringComparison.Ordinal)) compact = compact[4..];
        if (compact.Length != 8 || !compact.All(char.IsAsciiDigit))
        {
            error = "Et dansk telefonnummer har 8 cifre (evt. med +45 foran).";
            return false;
        }
        if (compact[0] is '0' or '1')
        {
            error = "Danske telefonnumre begynder ikke med 0 eller 1.";
            return false;
        }
        number = new DanishPhoneNumber(compact);
        error = null;
        return true;
    }
}

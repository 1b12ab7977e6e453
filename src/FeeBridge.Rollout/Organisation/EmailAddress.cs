namespace FeeBridge.Rollout.Organisation;

/// <summary>
/// An e-mail address of a person in the role gallery, as KOMBIT would mail it: <c>local@domain.tld</c>, no display
/// name, no spaces. Kept as typed (trimmed); two addresses are the same person whatever their letter case, since
/// Danish municipal mail systems ignore case and a gallery must not hold "Anne@kk.dk" and "anne@kk.dk" as two people.
/// </summary>
public readonly struct EmailAddress : IEquatable<EmailAddress>
{
    private const string LocalSpecials = "!#$%&'*+/=?^_`{|}~.-";

    private EmailAddress(string value) => Value = value;

    /// <summary>The address as typed, without surrounding spaces.</summary>
    public string Value { get; }

    /// <summary>
    /// Accepts a plain address: one <c>@</c>; a local part of at most 64 characters (letters, digits and the
    /// RFC 5322 atom characters, dots not first, last or doubled); a domain of at least two dot-separated labels of
    /// letters, digits and inner hyphens, the last at least two letters. Quoted local parts and IP literals are
    /// refused: nobody in a municipality's gallery has one, and they are how typing errors slip through.
    /// </summary>
    public static bool TryParse(string? text, out EmailAddress address, out string? error)
    {
        address = default;
        var trimmed = text?.Trim() ?? "";
        error = Problem(trimmed);
        if (error is not null) return false;
        address = new EmailAddress(trimmed);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> with the same message (tests, fixed data).</summary>
    public static EmailAddress Parse(string text) =>
        TryParse(text, out var a, out var error) ? a : throw new FormatException(error);

    private static string? Problem(string text)
    {
        if (text.Length == 0) return "E-mailadressen mangler.";
        if (text.Length > 254) return "E-mailadressen er for lang (højst 254 tegn).";
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != text.LastIndexOf('@')) return $"'{text}' er ikke en e-mailadresse: den skal have præcis ét @.";
        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.Length is 0 or > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal)
            || !local.All(c => char.IsLetterOrDigit(c) || LocalSpecials.Contains(c, StringComparison.Ordinal)))
            return $"'{text}' er ikke en e-mailadresse: delen før @ er ugyldig.";
        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-' || !l.All(c => char.IsLetterOrDigit(c) || c == '-'))
            || labels[^1].Length < 2 || !labels[^1].All(char.IsLetter))
            return $"'{text}' er ikke en e-mailadresse: domænet efter @ er ugyldigt.";
        return null;
    }

    /// <summary>Same address, ignoring letter case.</summary>
    public bool Equals(EmailAddress other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);
    public override bool Equals(object? obj) => obj is EmailAddress a && Equals(a);
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);
    public static bool operator ==(EmailAddress a, EmailAddress b) => a.Equals(b);
    public static bool operator !=(EmailAddress a, EmailAddress b) => !a.Equals(b);

    /// <summary>The address as typed.</summary>
    public override string ToString() => Value ?? "";
}

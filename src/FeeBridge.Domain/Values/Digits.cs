namespace FeeBridge.Domain;

/// <summary>ASCII digit helpers shared by the identifier types.</summary>
internal static class Digits
{
    /// <summary>True when <paramref name="s"/> is exactly <paramref name="count"/> characters '0'–'9'.</summary>
    /// <remarks>Not <see cref="char.IsDigit(char)"/>: that accepts Arabic-Indic and other Unicode digits.</remarks>
    public static bool Exactly(string? s, int count)
    {
        if (s is null || s.Length != count) return false;
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    /// <summary>The value of the ASCII digit at <paramref name="index"/>.</summary>
    public static int At(string s, int index) => s[index] - '0';

    /// <summary>The number written by <paramref name="length"/> ASCII digits from <paramref name="start"/>.</summary>
    public static int Number(string s, int start, int length)
    {
        var n = 0;
        for (var i = start; i < start + length; i++) n = n * 10 + At(s, i);
        return n;
    }
}

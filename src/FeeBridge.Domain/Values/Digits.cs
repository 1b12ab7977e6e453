namespace FeeBridge.Domain;

internal static class Digits
{
    public static bool Exactly(string? s, int count)
    {
        if (s is null || s.Length != count) return false;
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    public static int At(string s, int index) => s[index] - '0';

    public static int Number(string s, int start, int length)
    {
        var n = 0;
        for (var i = start; i < start + length; i++) n = n * 10 + At(s, i);
        return n;
    }
}

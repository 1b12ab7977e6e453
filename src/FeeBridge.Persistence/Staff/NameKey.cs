using System.Text;

namespace FeeBridge.Persistence.Staff;

/// <summary>
/// A patron's name as the search compares it: letters folded to lower case the same way in SQL (the index) and here
/// (the query). Both stores' <c>lower()</c> fold only A-Z for certain (SQLite always, PostgreSQL under the C locale),
/// so the Danish and common accented capitals are replaced first, by the same list on both sides.
/// </summary>
public static class NameKey
{
    private const string Upper = "ÆØÅÉÄÖÜ";
    private const string Lower = "æøåéäöü";

    /// <summary>The folded form of what staff typed: trimmed, single spaces, A-Z and the listed capitals in lower case.</summary>
    public static string Fold(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (s.Length > 0) s.Append(' ');
            foreach (var c in part)
            {
                var i = Upper.IndexOf(c, StringComparison.Ordinal);
                s.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : i >= 0 ? Lower[i] : c);
            }
        }
        return s.ToString();
    }

    /// <summary>The same folding of a SQL text expression.</summary>
    internal static string Sql(string expression)
    {
        var e = expression;
        for (var i = 0; i < Upper.Length; i++) e = $"replace({e}, '{Upper[i]}', '{Lower[i]}')";
        return $"lower({e})";
    }
}

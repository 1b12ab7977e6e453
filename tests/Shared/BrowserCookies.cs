using System.Net;
using System.Text.RegularExpressions;

namespace FeeBridge.Testing;

/// <summary>
/// A cookie jar that behaves as a browser does on loopback, where Secure cookies are sent over plain HTTP (.NET's own
/// jar would not send them). Shared by the tests and the benchmark, which both log citizens in through the MitID
/// stand-in (linked into both projects; neither can reference the other).
/// </summary>
public sealed class BrowserCookies
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public bool Has(string name) => _cookies.ContainsKey(name);

    public void AddTo(HttpRequestMessage request)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
    }

    /// <summary>Keeps what the response sets; an empty value or an expiry in the past deletes the cookie.</summary>
    public void Keep(IEnumerable<string> setCookieHeaders)
    {
        foreach (var header in setCookieHeaders)
        {
            var pair = header.Split(';', 2)[0];
            var eq = pair.IndexOf('=');
            var (name, value) = (pair[..eq], pair[(eq + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
            else _cookies[name] = value;
        }
    }
}

/// <summary>The MitID stand-in's log-in page, read as a person filling it in.</summary>
public static partial class MitIdStandInPage
{
    /// <summary>
    /// The fields to post to choose <paramref name="cprOrCvr"/>: the hidden fields of the page's last form ("another
    /// test person") plus the number typed in.
    /// </summary>
    public static Dictionary<string, string> ChooseFields(string html, string cprOrCvr)
    {
        var form = html[html.LastIndexOf("<form", StringComparison.Ordinal)..];
        var fields = HiddenInput().Matches(form).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["identity"] = cprOrCvr;
        return fields;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}

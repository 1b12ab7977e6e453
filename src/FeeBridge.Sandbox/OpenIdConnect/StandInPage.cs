using System.Text.Encodings.Web;

namespace FeeBridge.Sandbox.OpenIdConnect;

/// <summary>
/// A stand-in's HTML page: Danish, one <c>h1</c> (the title), no script or style of its own, so it passes any
/// content security policy FeeBridge sets. <see cref="Body"/> is HTML already encoded by whoever made it.
/// </summary>
public sealed record StandInPage(string Title, string Body)
{
    public IResult Ok() => Results.Content(Html(), "text/html; charset=utf-8");

    public IResult BadRequest() => Results.Content(Html(), "text/html; charset=utf-8", statusCode: 400);

    public string Html() => $"""
        <!DOCTYPE html>
        <html lang="da">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{HtmlEncoder.Default.Encode(Title)}</title></head>
        <body><main><h1>{HtmlEncoder.Default.Encode(Title)}</h1>{Body}</main></body>
        </html>
        """;
}

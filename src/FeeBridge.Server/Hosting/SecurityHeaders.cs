namespace FeeBridge.Server.Hosting;

/// <summary>
/// Headers every answer carries: no script but our own files (CSP without inline script), never framed, no MIME
/// sniffing, no referrer; HSTS outside development on HTTPS. Personal pages are never cached. The sandbox's stand-ins
/// (other systems in real life) are left to themselves.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool development) => app.Use((context, next) =>
    {
        var request = context.Request;
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            if (!request.Path.StartsWithSegments("/sandbox"))
            {
                h.ContentSecurityPolicy = ContentSecurityPolicy;
                h.XFrameOptions = "DENY";
            }
            if (!development && request.IsHttps) h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            if (request.Path.StartsWithSegments("/borger") || request.Path.StartsWithSegments("/api/v1/me")) h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    });
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using FeeBridge.Application;

namespace FeeBridge.Server.Hosting;

/// <summary>
/// Behind a reverse proxy that ends TLS, FeeBridge sees plain HTTP from the proxy: it would send no HSTS and think
/// every caller is the proxy. <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are believed only from the proxies
/// the operator names (<see cref="ForwardedHeadersOptions"/>); with none named (the default) they are ignored, since
/// anyone can send them.
/// </summary>
public static class ProxyHeaders
{
    public static IApplicationBuilder UseProxyHeaders(this IApplicationBuilder app)
    {
        var configured = app.ApplicationServices.GetRequiredService<FeeBridgeOptions>().ForwardedHeaders;
        if (configured.KnownProxies.Count == 0 && configured.KnownNetworks.Count == 0) return app;

        var options = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = configured.ForwardLimit,
        };
        // ASP.NET Core trusts loopback by default; only what the operator names counts here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in configured.KnownProxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address) ? address
                : throw new InvalidOperationException($"FeeBridge:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        foreach (var network in configured.KnownNetworks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var n) ? n
                : throw new InvalidOperationException($"FeeBridge:ForwardedHeaders:KnownNetworks: '{network}' is not a network like 10.0.0.0/8."));
        return app.UseForwardedHeaders(options);
    }
}

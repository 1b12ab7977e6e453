using FeeBridge.Application;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FeeBridge.Server.Hosting;

/// <summary>This server's own loopback address once it listens (sandbox mode: FeeBridge and the stand-ins talk over HTTP).</summary>
public sealed class OwnAddress(IServer server) : IOwnAddress
{
    public Uri? Current => Of(server);

    public static Uri? Of(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
    }
}

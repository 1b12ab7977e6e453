using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>Keeps every log line the host writes, with its exception, so tests can read what an operator would see.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

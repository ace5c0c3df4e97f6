using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AqTrading.SystemTests;

/// <summary>
/// A local HTTP endpoint standing in for a chat webhook: it keeps every body it receives and answers 500 to the first N
/// requests whose body contains a marker (to prove retries), 200 otherwise.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();

    public string Url { get; private set; } = "";

    public ConcurrentQueue<(string Body, int Status)> Received { get; } = new();

    public void Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/alerts/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    /// <summary>The next <paramref name="times"/> requests mentioning <paramref name="marker"/> fail with 500.</summary>
    public void FailFirst(string marker, int times) => _failures[marker] = times;

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var status = 200;
            foreach (var (marker, left) in _failures)
            {
                if (left > 0 && body.Contains(marker, StringComparison.Ordinal) && _failures.TryUpdate(marker, left - 1, left))
                {
                    status = 500;
                    break;
                }
            }

            Received.Enqueue((body, status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        if (_listener.IsListening)
        {
            _listener.Stop();
        }

        _listener.Close();
    }
}

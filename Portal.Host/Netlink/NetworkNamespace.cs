using System.Text;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Portal.Host.Netlink;

/// <summary>
/// Opens netlink sockets inside another network namespace (a container's /proc/PID/ns/net). setns changes only
/// the calling thread, so it happens on a dedicated thread that switches back before it ends; the socket stays
/// in the target namespace and can be used from any thread.
/// </summary>
public static unsafe class NetworkNamespace
{
    public static Task<NetlinkSocket> OpenSocketAsync(string namespacePath, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<NetlinkSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(OpenSocketOnThisThread(namespacePath));
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "netns " + namespacePath,
        };
        thread.Start();
        return completion.Task.WaitAsync(cancellationToken);
    }

    private static NetlinkSocket OpenSocketOnThisThread(string namespacePath)
    {
        var original = Open("/proc/thread-self/ns/net");
        try
        {
            var target = Open(namespacePath);
            try
            {
                if (setns(target, CLONE_NEWNET) != 0)
                {
                    throw new IOException($"setns into {namespacePath} failed: errno {errno}");
                }
            }
            finally
            {
                close(target);
            }

            NetlinkSocket socket;
            try
            {
                socket = NetlinkSocket.Open();
            }
            finally
            {
                // Should this fail, the thread stays in the wrong namespace; harmless: it is ours alone and ends now.
                _ = setns(original, CLONE_NEWNET);
            }

            return socket;
        }
        finally
        {
            close(original);
        }
    }

    private static int Open(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            var fd = open(p, O_RDONLY | O_CLOEXEC);
            if (fd < 0)
            {
                throw new IOException($"open {path} failed: errno {errno}");
            }

            return fd;
        }
    }
}

package dev.chaosjunit.bench.load;

import dev.chaosjunit.load.LoadDriver;
import dev.chaosjunit.load.LoadProfile;
import dev.chaosjunit.load.LoadStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop comparison of HTTP clients against the same loopback server: N connections, each sending its next
 * request as soon as the previous response arrived, one I/O thread where the client lets us choose. Prints req/s
 * and JVM CPU microseconds per request, plus wrk -t1 as the reference.
 *
 * <p>Usage: {@code ClientComparison <url> <seconds> <connections...>}
 */
public final class ClientComparison {

    private ClientComparison() {
    }

    interface Client {
        long run(URI uri, int connections, int seconds) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        List<Integer> conns = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            conns.add(Integer.parseInt(args[i]));
        }
        String[] names = {"chaos-junit NIO driver", "Netty 4.2 (NIO transport)", "JDK java.net.http.HttpClient"};
        Client[] clients = {ClientComparison::ours, ClientComparison::netty, ClientComparison::jdk};
        System.out.println("| client | connections | req/s | CPU us/request | vs wrk -t1 |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int c : conns) {
            BenchSupport.WrkResult wrk = BenchSupport.wrk(uri.toString(), c, seconds);
            System.out.println("| wrk -t1 | " + c + " | " + BenchSupport.fmt(wrk.requestsPerSecond) + " | "
                    + BenchSupport.fmt(wrk.cpuSecondsPerRequest * 1e6) + " | 1.00 |");
            for (int i = 0; i < clients.length; i++) {
                clients[i].run(uri, c, Math.min(3, seconds)); // warm-up
                long cpu0 = BenchSupport.processCpuNanos();
                long n = clients[i].run(uri, c, seconds);
                long cpu = BenchSupport.processCpuNanos() - cpu0;
                double rps = n / (double) seconds;
                System.out.println("| " + names[i] + " | " + c + " | " + BenchSupport.fmt(rps) + " | "
                        + BenchSupport.fmt(cpu / 1000.0 / n) + " | "
                        + String.format(java.util.Locale.ROOT, "%.2f", rps / wrk.requestsPerSecond) + " |");
            }
        }
    }

    static long ours(URI uri, int connections, int seconds) throws Exception {
        LoadStats s = LoadDriver.target(uri).progress(false)
                .profile(LoadProfile.closed(connections, seconds + "s")).run();
        if (s.errors() > 0) {
            throw new IllegalStateException("errors: " + s.errorsByKind());
        }
        return s.count();
    }

    static long netty(URI uri, int connections, int seconds) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        LongAdder done = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        String host = uri.getHost() + ":" + uri.getPort();
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec()).addLast(new SimpleChannelInboundHandler<HttpObject>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                    if (msg instanceof LastHttpContent) {
                                        done.increment();
                                        if (running.get()) {
                                            send(ctx.channel(), host, path);
                                        }
                                    }
                                }
                            });
                        }
                    });
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                channels.add(b.connect(uri.getHost(), uri.getPort()).sync().channel());
            }
            channels.forEach(ch -> ch.eventLoop().execute(() -> send(ch, host, path)));
            Thread.sleep(seconds * 1000L);
            long n = done.sum();
            running.set(false);
            for (Channel ch : channels) {
                ch.close().sync();
            }
            return n;
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    private static void send(Channel ch, String host, String path) {
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        req.headers().set(HttpHeaderNames.HOST, host);
        ch.writeAndFlush(req, ch.voidPromise());
    }

    static long jdk(URI uri, int connections, int seconds) throws Exception {
        // the JDK client with its default executor, as most code uses it; it has no close() before Java 21, so its
        // threads end when it is garbage-collected (or with the JVM)
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(uri).GET().build();
        LongAdder done = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        for (int i = 0; i < connections; i++) {
            loop(client, req, done, running);
        }
        Thread.sleep(seconds * 1000L);
        long n = done.sum();
        running.set(false);
        Thread.sleep(200);
        return n;
    }

    private static void loop(HttpClient client, HttpRequest req, LongAdder done, AtomicBoolean running) {
        client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e == null) {
                done.increment();
            }
            if (running.get()) {
                loop(client, req, done, running);
            }
        });
    }
}

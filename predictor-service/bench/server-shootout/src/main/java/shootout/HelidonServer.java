package shootout;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

public final class HelidonServer {
    public static void main(String[] args) {
        WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .routing(r -> r.post("/predict", (req, res) -> {
                    byte[] out = Work.predict(req.content().as(byte[].class));
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send(out);
                }))
                .build()
                .start();
        System.out.println("helidon ready");
    }
}

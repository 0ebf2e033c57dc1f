package shootout;

import io.javalin.Javalin;

public final class JavalinServer {
    public static void main(String[] args) {
        Javalin.create(config -> config.useVirtualThreads = true)
                .post("/predict", ctx -> ctx.contentType("application/json").result(Work.predict(ctx.bodyAsBytes())))
                .start("127.0.0.1", Integer.parseInt(args[0]));
        System.out.println("javalin ready");
    }
}

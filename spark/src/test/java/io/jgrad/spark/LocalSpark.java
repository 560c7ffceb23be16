package io.jgrad.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark in local mode inside the test JVM: one context at a time (Spark allows no more), kept
 * while the tests ask for the same master, with the UI off and everything bound to 127.0.0.1.
 */
public final class LocalSpark {

    private static JavaSparkContext context;
    private static String master;

    private LocalSpark() {
    }

    /**
     * @param master e.g. {@code local[2]}, or {@code local[2,4]} for up to 4 attempts per task
     * @return a running context of that master
     */
    public static synchronized JavaSparkContext context(String master) {
        if (context != null && master.equals(LocalSpark.master)) {
            return context;
        }
        if (context != null) {
            context.stop();
        }
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setAppName("jgrad-spark-tests")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.task.maxDirectResultSize", "64m"); // as FashionSpark.tune: gradients in the status message
        context = new JavaSparkContext(conf);
        LocalSpark.master = master;
        return context;
    }
}

/** The consumer build's program, as a module: it needs nothing but jgrad. */
module io.jgrad.consumer {
    requires io.jgrad;
}

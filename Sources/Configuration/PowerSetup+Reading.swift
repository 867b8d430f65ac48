extension PowerSetup {
    /// `power`: where upsd is, which UPS, and the backup power a meeting needs.
    init?(reading power: FieldObject) {
        let host = power.field("host", required: true)?.text(.host)
        let port = power.field("port")?.number(.port)
        let ups = power.field("ups", required: true)?.text(.upsName)
        let charge = power.field("minimumChargePercent")?.number(.percent)
        let runtime = power.field("minimumRuntimeSeconds")?.number(.runtimeSeconds)
        guard let host, let ups else { return nil }
        self.init(host: host, port: port, ups: ups, minimumChargePercent: charge, minimumRuntimeSeconds: runtime)
    }
}

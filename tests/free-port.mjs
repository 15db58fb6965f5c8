// free-port.mjs: prints a free loopback port whose successor (the worker's) is free too,
// below the kernel's ephemeral range so that client sockets of other tests cannot take either.
import net from 'node:net';

const free = (p) => new Promise((ok) => {
	const s = net.createServer().once('error', () => ok(false));
	s.listen(p, '127.0.0.1', () => s.close(() => ok(true)));
});
for (let i = 0; i < 200; i++) {
	const p = 20000 + 2 * Math.floor(Math.random() * 6000);
	if (await free(p) && await free(p + 1)) {
		console.log(p);
		process.exit(0);
	}
}
process.exit(1);

// 1001Q from a loopback address of the test's choosing: all of 127.0.0.0/8 reaches a server
// listening on 127.0.0.1, so one machine can play callers at many addresses.
import { Agent, fetch } from 'undici';

export interface LoginAnswer {
  status: number;
  header: { result_code: string; result_msg: string };
}

export async function loginFrom(address: string, serverUrl: string, company: string, email: string, password: string): Promise<LoginAnswer> {
  const dispatcher = new Agent({ localAddress: address });
  try {
    const response = await fetch(`${serverUrl}/api/${company}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ header: { request_code: '1001Q' }, body: { memb_email: email, memb_pwd: password } }),
      dispatcher,
    });
    return { status: response.status, header: ((await response.json()) as { header: LoginAnswer['header'] }).header };
  } finally {
    await dispatcher.close();
  }
}

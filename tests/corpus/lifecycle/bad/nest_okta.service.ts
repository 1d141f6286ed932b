import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { ConfigService } from '@nestjs/config';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class OktaApiService implements OnModuleInit {
  private accessToken!: string;

  constructor(
    private readonly http: HttpService,
    private readonly config: ConfigService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.accessToken = await this.requestAccessToken();
  }

  private async requestAccessToken(): Promise<string> {
    const orgUrl = this.config.getOrThrow<string>('OKTA_ORG_URL');
    const { data } = await firstValueFrom(
      this.http.post(
        `${orgUrl}/oauth2/v1/token`,
        new URLSearchParams({ grant_type: 'client_credentials', scope: 'okta.apps.read' }).toString(),
        {
          auth: {
            username: this.config.getOrThrow('OKTA_CLIENT_ID'),
            password: this.config.getOrThrow('OKTA_CLIENT_SECRET'),
          },
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      ),
    );
    return data.access_token;
  }

  async listApps(): Promise<unknown[]> {
    const orgUrl = this.config.getOrThrow<string>('OKTA_ORG_URL');
    const { data } = await firstValueFrom(
      this.http.get(`${orgUrl}/api/v1/apps`, {
        headers: { Authorization: `Bearer ${this.accessToken}` },
      }),
    );
    return data;
  }
}
